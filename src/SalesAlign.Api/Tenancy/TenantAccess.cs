using Microsoft.EntityFrameworkCore;
using SalesAlign.Api.Identity;
using SalesAlign.Api.Problems;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Api.Tenancy;

/// <summary>The permission a tenant route requires, as endpoint metadata (read by the filter and by tests).</summary>
public sealed record PermissionRequirement(string Name);

internal static class TenantRouteExtensions
{
    /// <summary>The group under <c>/api/v1/t/{tenant}</c>: signed in, member of the tenant, permission checked.</summary>
    public static RouteGroupBuilder MapTenantGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup($"/api/v1/t/{{tenant}}{prefix}")
            .WithTags(tag)
            .RequireAuthorization()
            .AddEndpointFilter<TenantAccessFilter>();

    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PermissionRequirement(permission));
}

/// <summary>
/// Resolves <c>{tenant}</c>, checks the caller may act in it, enters it for the request, then checks the
/// route's permission. A caller who is not a member gets the same 404 as for a tenant that does not exist,
/// so slugs cannot be probed; a member without the permission gets 403.
/// </summary>
internal sealed class TenantAccessFilter(IAppDbContext db, ITenantContext tenantContext, CurrentUser user, IUserAccess access) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var slug = http.GetRouteValue("tenant") as string ?? "";
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, http.RequestAborted);
        var actor = tenant is null ? null : await ActorAsync(tenant, http.RequestAborted);
        if (tenant is null || actor is null)
            return ProblemResults.NotFound("tenant_not_found", $"No tenant '{slug}' that you can access.");

        tenantContext.Enter(tenant.Id, tenant.Slug);
        user.Member = actor;

        var required = http.GetEndpoint()?.Metadata.GetMetadata<PermissionRequirement>();
        if (required is null)
            return ProblemResults.Forbidden("permission_undeclared", "This route declares no permission, so nobody may call it.");
        var allowed = user.IntegrationTenantId is not null
            ? AccessPolicy.AllowsIntegration(required.Name)
            : AccessPolicy.Allows(actor.Role, required.Name);
        if (!allowed)
            return ProblemResults.Forbidden("permission_denied", $"Your role in '{tenant.Slug}' does not allow '{required.Name}'.");

        return await next(context);
    }

    private async Task<Actor?> ActorAsync(Tenant tenant, CancellationToken ct)
    {
        if (user.IntegrationTenantId is { } clientTenant)
            return clientTenant == tenant.Id ? new Actor(user.UserId!, MemberTeam.Agency, MemberRole.Viewer) : null;
        return user.UserId is { } id ? await access.AccessToAsync(tenant, id, ct) : null;
    }
}
