using SalesAlign.Domain.Proposals;

namespace SalesAlign.Application.Common.Abstractions;

/// <summary>
/// Who is calling. The host fills it from the access token, and — once the tenant of the route is resolved —
/// with the caller's membership in that tenant (<see cref="Member"/>), directly or through an agency.
/// </summary>
public interface ICurrentUser
{
    /// <summary>The user's id (token subject), or the client id of an integration client.</summary>
    string? UserId { get; }

    bool IsAuthenticated { get; }

    /// <summary>Set for a tenant's integration client (client-credentials token): the only tenant it may touch.</summary>
    Guid? IntegrationTenantId { get; }

    /// <summary>
    /// The system itself (a background worker acting for no person): passes every permission check and alone may send
    /// <see cref="Security.SystemOnlyAttribute"/> requests. Never set from a token.
    /// </summary>
    bool IsSystem { get; }

    /// <summary>The caller's team and role in the current tenant; null outside tenant routes.</summary>
    Actor? Member { get; }
}
