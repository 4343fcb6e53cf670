using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Application.Common.Abstractions;

public sealed record UserInfo(string Id, string Email, string DisplayName);

/// <summary>A tenant the user can act in, and how: a direct membership or a role flowing from an agency.</summary>
public sealed record TenantAccess(Tenant Tenant, MemberTeam Team, MemberRole Role, bool ViaAgency);

/// <summary>
/// Questions about a user rather than a tenant, which must read across tenants. Implemented in the one
/// allow-listed place that may bypass the tenant filter.
/// </summary>
public interface IUserAccess
{
    Task<UserInfo?> FindUserAsync(string userId, CancellationToken ct);

    Task<UserInfo?> FindUserByEmailAsync(string email, CancellationToken ct);

    Task<IReadOnlyDictionary<string, UserInfo>> FindUsersAsync(IEnumerable<string> userIds, CancellationToken ct);

    /// <summary>Every tenant the user can act in. A direct membership wins over an agency role for the same tenant.</summary>
    Task<IReadOnlyList<TenantAccess>> TenantsOfAsync(string userId, CancellationToken ct);

    /// <summary>The user's actor in one tenant, or null when they have no access (the API then answers 404).</summary>
    Task<Actor?> AccessToAsync(Tenant tenant, string userId, CancellationToken ct);

    Task<IReadOnlyList<(Agency Agency, MemberRole Role)>> AgenciesOfAsync(string userId, CancellationToken ct);
}
