using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Infrastructure.Persistence;

namespace SalesAlign.Api.Tests;

/// <summary>A route the host serves, with what it requires (anonymous, signed-in, or a permission).</summary>
public sealed record ServedRoute(string Method, string Pattern, string Requires, bool IsTenantRoute);

/// <summary>
/// Every route of the running host, read from its endpoint data source — so a new route is swept and
/// matrix-checked without editing any test — and the ids needed to call them.
/// </summary>
internal static class RouteCatalog
{
    public static IReadOnlyList<ServedRoute> Routes(ApiFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (Method: m, Endpoint: e)))
            .Where(x => x.Method != "HEAD" && x.Method != "OPTIONS")
            .Select(x => new ServedRoute(x.Method, "/" + x.Endpoint.RoutePattern.RawText!.Trim('/'), Requirement(x.Endpoint), x.Endpoint.Metadata.GetMetadata<TenantRoute>() is not null))
            .Distinct()
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    private static string Requirement(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            return "anonymous";
        if (endpoint.Metadata.GetMetadata<PermissionRequirement>() is { } permission)
            return permission.Name;
        return endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 ? "signed-in" : "undeclared";
    }

    /// <summary>Real ids of one tenant's objects, to fill route parameters.</summary>
    public static async Task<Dictionary<string, string>> IdsOf(ApiFactory factory, string slug)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == slug);
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Enter(tenant.Id, tenant.Slug);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["tenant"] = slug,
            ["userId"] = await db.Memberships.Select(m => m.UserId).FirstAsync(),
            ["playbookId"] = (await db.Playbooks.Select(p => p.Id).FirstAsync()).ToString(),
            ["n"] = "1",
            ["a"] = "1",
            ["b"] = "1",
            // Import jobs exist only after a large upload; an id nobody has still exercises the route (404).
            ["importId"] = Guid.NewGuid().ToString(),
        };
        await AddOptionalIdsAsync(db, ids);
        return ids;
    }

    /// <summary>Ids of objects that later features add; each is looked up only if its table exists in the model.</summary>
    private static async Task AddOptionalIdsAsync(AppDbContext db, Dictionary<string, string> ids)
    {
        foreach (var (parameter, entity) in new[] { ("proposalId", "Proposal"), ("meetingId", "Meeting"), ("leadId", "Lead"), ("id", "Webhook"), ("deliveryId", "WebhookDelivery"), ("importId", "LeadImportJob") })
        {
            var type = db.Model.GetEntityTypes().FirstOrDefault(e => e.ClrType.Name == entity);
            if (type is null)
                continue;
            var query = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(type.ClrType).Invoke(db, null)!;
            var row = await query.FirstOrDefaultAsync();
            if (row is not null)
                ids[parameter] = type.ClrType.GetProperty("Id")!.GetValue(row)!.ToString()!;
        }
    }

    /// <summary>The URL for a route pattern with every parameter filled; fails naming a parameter it has no value for.</summary>
    public static string Url(string pattern, IReadOnlyDictionary<string, string> values) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", m =>
            values.TryGetValue(m.Groups[1].Value, out var v)
                ? Uri.EscapeDataString(v)
                : throw new InvalidOperationException($"The route catalog has no value for '{{{m.Groups[1].Value}}}' in {pattern}; add one to RouteCatalog.IdsOf."));
}
