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

    public string? UserId => Principal?.FindFirst(Claims.Subject)?.Value ?? Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public Guid? IntegrationTenantId =>
        Guid.TryParse(Principal?.FindFirst(IdentityClients.TenantClaim)?.Value, out var id) ? id : null;

    public Actor? Member { get; set; }
}
