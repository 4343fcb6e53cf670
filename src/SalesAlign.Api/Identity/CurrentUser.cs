using System.Security.Claims;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Domain.Proposals;
using SalesAlign.Infrastructure.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SalesAlign.Api.Identity;

/// <summary>The caller, read from the authenticated principal; the tenant filter adds their membership.</summary>
internal sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

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
