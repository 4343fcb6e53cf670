using System.Security.Claims;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Domain.Proposals;
using SalesAlign.Infrastructure.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SalesAlign.Api.Identity;

/// <summary>
/// The caller, read from the authenticated principal; the tenant filter adds their membership. Outside an HTTP
/// request (a web UI circuit's action) the scope's owner sets the principal with <see cref="ActAs"/>.
/// </summary>
internal sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? _actingAs;

    private ClaimsPrincipal? Principal => _actingAs ?? accessor.HttpContext?.User;

    /// <summary>Makes this scope act as <paramref name="principal"/>, whatever HTTP request (if any) is around.</summary>
    public void ActAs(ClaimsPrincipal principal) => _actingAs = principal;

    /// <summary>Makes this scope the system actor (a background worker's scope): never reachable from a token.</summary>
    public void ActAsSystem() => IsSystem = true;

    /// <summary>The actor id the system's own changes are recorded with.</summary>
    public const string SystemUserId = "system";

    public string? UserId => IsSystem ? SystemUserId : UserIdOf(Principal);

    public bool IsAuthenticated => IsSystem || Principal?.Identity?.IsAuthenticated == true;

    public bool IsSystem { get; private set; }

    public Guid? IntegrationTenantId => IsSystem ? null : IntegrationTenantOf(Principal);

    /// <summary>The user (or client) id of a principal; shared with the hub, which has no HTTP request per call.</summary>
    public static string? UserIdOf(ClaimsPrincipal? principal) =>
        principal?.FindFirst(Claims.Subject)?.Value ?? principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;

    /// <summary>The one tenant an integration client is bound to, or null for people.</summary>
    public static Guid? IntegrationTenantOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(IdentityClients.TenantClaim)?.Value, out var id) ? id : null;

    public Actor? Member { get; set; }
}
