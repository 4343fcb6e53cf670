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

    public string? UserId => UserIdOf(Principal);

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public Guid? IntegrationTenantId => IntegrationTenantOf(Principal);

    /// <summary>The user (or client) id of a principal; shared with the hub, which has no HTTP request per call.</summary>
    public static string? UserIdOf(ClaimsPrincipal? principal) =>
        principal?.FindFirst(Claims.Subject)?.Value ?? principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;

    /// <summary>The one tenant an integration client is bound to, or null for people.</summary>
    public static Guid? IntegrationTenantOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(IdentityClients.TenantClaim)?.Value, out var id) ? id : null;

    public Actor? Member { get; set; }
}
