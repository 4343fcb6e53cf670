using Microsoft.EntityFrameworkCore;
using SalesAlign.Api.Identity;
using SalesAlign.Api.Problems;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Api.Tenancy;

/// <summary>The permission a tenant route requires, as endpoint metadata (read by the middleware and by tests).</summary>
public sealed record PermissionRequirement(string Name);

/// <summary>Marks the routes under <c>/api/v1/t/{tenant}</c>.</summary>
public sealed record TenantRoute;

internal static class TenantRouteExtensions
{
    /// <summary>The group under <c>/api/v1/t/{tenant}</c>: signed in, member of the tenant, permission checked.</summary>
    public static RouteGroupBuilder MapTenantGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup($"/api/v1/t/{{tenant}}{prefix}")
            .WithTags(tag)
            .RequireAuthorization()
            .WithMetadata(new TenantRoute());

    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PermissionRequirement(permission));

    public static void UseTenantAccess(this WebApplication app) => app.UseMiddleware<TenantAccessMiddleware>();

    public static void AddTenantAccess(this IServiceCollection services)
    {
        services.AddSingleton<TenantAccessCache>();
    }
}

/// <summary>
/// Resolves <c>{tenant}</c>, checks the caller may act in it, enters it for the request, then checks the
/// route's permission — before the request body is even read. A caller who is not a member gets the same
/// 404 as for a tenant that does not exist, so slugs cannot be probed; a member without the permission gets 403.
/// </summary>
internal sealed class TenantAccessMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IAppDbContext db, ITenantContext tenantContext, CurrentUser user, IUserAccess access, TenantAccessCache cache)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<TenantRoute>() is null || user.UserId is null)
        {
            // Not a tenant route, or not signed in (authorization has answered 401 already).
            await next(http);
            return;
        }

        var slug = http.GetRouteValue("tenant") as string ?? "";
        var required = endpoint.Metadata.GetMetadata<PermissionRequirement>();
        var decision = await EnterAsync(slug, required?.Name, db, tenantContext, user, access, cache, http.RequestAborted);
        if (!decision.Allowed)
        {
            await ProblemResults.Problem(decision.Status, decision.Code!, decision.Status == StatusCodes.Status404NotFound ? "Not found." : "Not allowed.", decision.Detail!)
                .ExecuteAsync(http);
            return;
        }
        await next(http);
    }

    /// <summary>
    /// The one access rule for everything that acts in a tenant on a caller's behalf (HTTP routes and the web UI's
    /// circuits): resolve the slug, find the caller's actor (else 404 <c>tenant_not_found</c>, as for an unknown
    /// tenant), enter the tenant and set the caller's membership, then check <paramref name="permission"/> against
    /// <see cref="AccessPolicy"/> (else 403 <c>permission_denied</c>). A null permission is never allowed.
    /// </summary>
    public static async Task<TenantAccessDecision> EnterAsync(string slug, string? permission, IAppDbContext db, ITenantContext tenantContext,
        CurrentUser user, IUserAccess access, TenantAccessCache cache, CancellationToken ct)
    {
        if (user.UserId is not { } userId)
            return TenantAccessDecision.Deny(StatusCodes.Status401Unauthorized, "unauthorized", "Sign in first.");
        var tenant = await cache.TenantAsync(db, slug, ct);
        var actor = tenant is null ? null : await ActorAsync(tenant, userId, user.IntegrationTenantId, access, cache, ct);
        if (tenant is null || actor is null)
            return TenantAccessDecision.Deny(StatusCodes.Status404NotFound, "tenant_not_found", $"No tenant '{slug}' that you can access.");

        tenantContext.Enter(tenant.Id, tenant.Slug);
        user.Member = actor;

        var allowed = permission is not null && user.Holds(permission);
        if (!allowed)
        {
            var detail = permission is null
                ? "This route declares no permission, so nobody may call it."
                : $"Your role in '{tenant.Slug}' does not allow '{permission}'.";
            return TenantAccessDecision.Deny(StatusCodes.Status403Forbidden, "permission_denied", detail);
        }
        return new TenantAccessDecision(true, StatusCodes.Status200OK, null, null);
    }

    /// <summary>
    /// The caller's actor in a tenant, or null when they may not act in it: the one rule for HTTP routes and hub joins.
    /// An integration client acts only in the tenant it was registered for.
    /// </summary>
    public static async Task<Actor?> ActorAsync(Tenant tenant, string userId, Guid? integrationTenantId, IUserAccess access, TenantAccessCache cache, CancellationToken ct)
    {
        if (integrationTenantId is { } clientTenant)
            return clientTenant == tenant.Id ? new Actor(userId, MemberTeam.Agency, MemberRole.Viewer) : null;
        return await cache.ActorAsync(access, tenant, userId, ct);
    }
}

/// <summary>The answer of <see cref="TenantAccessMiddleware.EnterAsync"/>: allowed, or the status and code to refuse with.</summary>
internal sealed record TenantAccessDecision(bool Allowed, int Status, string? Code, string? Detail)
{
    public static TenantAccessDecision Deny(int status, string code, string detail) => new(false, status, code, detail);
}
