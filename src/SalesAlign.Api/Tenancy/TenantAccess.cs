using SalesAlign.Api.Endpoints;
using SalesAlign.Api.Identity;
using SalesAlign.Api.Problems;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Api.Tenancy;

/// <summary>The permission a tenant route requires, as endpoint metadata (read by tests and docs): derived from its use case.</summary>
public sealed record PermissionRequirement(string Name);

/// <summary>Marks the routes under <c>/api/v1/t/{tenant}</c>.</summary>
public sealed record TenantRoute;

/// <summary>The command or query a route sends, and that request's declared policy.</summary>
public sealed record UseCaseRoute(Type RequestType, RequestPolicyAttribute Policy);

internal static class TenantRouteExtensions
{
    /// <summary>The group under <c>/api/v1/t/{tenant}</c>: signed in, member of the tenant, the use case's policy checked.</summary>
    public static RouteGroupBuilder MapTenantGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup($"/api/v1/t/{{tenant}}{prefix}")
            .WithTags(tag)
            .RequireAuthorization()
            .WithMetadata(new TenantRoute());

    /// <summary>
    /// The route sends <typeparamref name="TRequest"/>: its declared policy becomes the route's, so a tenant route answers
    /// 403 before reading the body, with no second, hand-written permission to drift from the request's; and the error
    /// statuses the use case implies are documented (<see cref="UseCaseProblems"/>).
    /// </summary>
    public static RouteHandlerBuilder ForUseCase<TRequest>(this RouteHandlerBuilder builder)
    {
        var policy = RequestPolicy.Of<TRequest>()
            ?? throw new InvalidOperationException($"{typeof(TRequest).Name} declares no policy; add one of the attributes of Common/Security.");
        builder.WithMetadata(new UseCaseRoute(typeof(TRequest), policy));
        if (policy is RequiresPermissionAttribute permission)
            builder.WithMetadata(new PermissionRequirement(permission.Permission));
        UseCaseProblems.Describe(builder, typeof(TRequest), policy);
        return builder;
    }

    public static void UseTenantAccess(this WebApplication app) => app.UseMiddleware<TenantAccessMiddleware>();

    public static void AddTenantAccess(this IServiceCollection services)
    {
        services.AddSingleton<TenantAccessCache>();
        services.AddScoped<TenantAccessService>();
    }
}

/// <summary>
/// Who is calling in a tenant: the one rule (membership, an agency's role, a tenant's integration client) for the HTTP
/// middleware, the hub and the web UI's circuits. It never decides what the caller may do there — each request's
/// declared policy does (<see cref="RequestAuthorizer"/>).
/// </summary>
internal sealed class TenantAccessService(IAppDbContext db, ITenantContext tenantContext, IUserAccess access, TenantAccessCache cache)
{
    /// <summary>
    /// Resolves the slug and the caller's actor in it, then enters the tenant and sets the caller's membership. A tenant
    /// the caller cannot act in is refused exactly like one that does not exist (404 <c>tenant_not_found</c>).
    /// </summary>
    public async Task<TenantAccessDecision> EnterAsync(string slug, CurrentUser user, CancellationToken ct)
    {
        if (user.UserId is not { } userId)
            return TenantAccessDecision.Deny(StatusCodes.Status401Unauthorized, "unauthorized", "Sign in first.");
        var tenant = await cache.TenantAsync(db, slug, ct);
        var actor = tenant is null ? null : await ActorAsync(tenant, userId, user.IntegrationTenantId, ct);
        if (tenant is null || actor is null)
            return TenantAccessDecision.Deny(StatusCodes.Status404NotFound, "tenant_not_found", $"No tenant '{slug}' that you can access.");

        tenantContext.Enter(tenant.Id, tenant.Slug);
        user.Member = actor;
        return TenantAccessDecision.Allow;
    }

    /// <summary>The caller's actor in a tenant now, or null when they may not act in it.</summary>
    public Task<Actor?> ActorAsync(Tenant tenant, string userId, Guid? integrationTenantId, CancellationToken ct) =>
        ActorAsync(tenant, userId, integrationTenantId, access, cache, ct);

    /// <summary>The same rule for singletons (hub connection bookkeeping) that hold no scope. An integration client acts only in its own tenant.</summary>
    public static async Task<Actor?> ActorAsync(Tenant tenant, string userId, Guid? integrationTenantId, IUserAccess access, TenantAccessCache cache, CancellationToken ct)
    {
        if (integrationTenantId is { } clientTenant)
            return clientTenant == tenant.Id ? new Actor(userId, MemberTeam.Agency, MemberRole.Viewer) : null;
        return await cache.ActorAsync(access, tenant, userId, ct);
    }

    /// <summary>
    /// Whether the entered caller may send a request with <paramref name="policy"/>: the request's own rule, asked early
    /// (before a body is read or a message built): allowed, or the refusal with its status.
    /// </summary>
    public TenantAccessDecision MaySend(RequestPolicyAttribute? policy, ICurrentUser user, string requestName)
    {
        try
        {
            RequestAuthorizer.Authorize(policy, user, tenantContext.Slug, requestName);
            return TenantAccessDecision.Allow;
        }
        catch (UnauthorizedException unauthorized)
        {
            return TenantAccessDecision.Deny(StatusCodes.Status401Unauthorized, unauthorized.Code, unauthorized.Message);
        }
        catch (ForbiddenException forbidden)
        {
            return TenantAccessDecision.Deny(StatusCodes.Status403Forbidden, forbidden.Code, forbidden.Message);
        }
    }
}

/// <summary>
/// Resolves <c>{tenant}</c>, enters it for the request through <see cref="TenantAccessService"/>, then checks the route's
/// use case may be sent by this caller — before the request body is even read. A caller who is not a member gets the
/// same 404 as for a tenant that does not exist, so slugs cannot be probed; a member without the permission gets 403.
/// </summary>
internal sealed class TenantAccessMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, TenantAccessService tenants, CurrentUser user)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<TenantRoute>() is null || user.UserId is null)
        {
            // Not a tenant route, or not signed in (authorization has answered 401 already).
            await next(http);
            return;
        }

        var useCase = endpoint.Metadata.GetMetadata<UseCaseRoute>();
        var decision = await tenants.EnterAsync(http.GetRouteValue("tenant") as string ?? "", user, http.RequestAborted);
        if (decision.Allowed)
            decision = tenants.MaySend(useCase?.Policy, user, useCase?.RequestType.Name ?? endpoint.DisplayName ?? "route");
        if (!decision.Allowed)
        {
            await ProblemResults.Problem(decision.Status, decision.Code!, decision.Status == StatusCodes.Status404NotFound ? "Not found." : "Not allowed.", decision.Detail!)
                .ExecuteAsync(http);
            return;
        }
        await next(http);
    }
}

/// <summary>The answer of <see cref="TenantAccessService"/>: allowed, or the status and code to refuse with.</summary>
internal sealed record TenantAccessDecision(bool Allowed, int Status, string? Code, string? Detail)
{
    public static readonly TenantAccessDecision Allow = new(true, StatusCodes.Status200OK, null, null);

    public static TenantAccessDecision Deny(int status, string code, string detail) => new(false, status, code, detail);
}
