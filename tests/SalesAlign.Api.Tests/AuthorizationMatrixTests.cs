using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Application.Common.Security;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Api.Tests;

/// <summary>
/// Every route against docs/authorization.md, and every tenant route called as every role: the answer must
/// be 403 exactly when the access policy denies the route's permission.
/// </summary>
[Collection(nameof(ApiHost))]
public sealed class AuthorizationMatrixTests(ApiFactory factory)
{
    /// <summary>The roles of the matrix: one demo caller each, and the role the access policy knows them by.</summary>
    private static readonly (string Name, string Caller, MemberRole? Role)[] Roles =
    [
        ("viewer (sales)", "val@acme.example", MemberRole.Viewer),
        ("contributor (marketing)", "chris@acme.example", MemberRole.Contributor),
        ("approver (marketing)", "maria@acme.example", MemberRole.Approver),
        ("approver (sales)", "sam@acme.example", MemberRole.Approver),
        ("admin (agency)", "alex@northwind.example", MemberRole.Admin),
        ("integration client", "client", null),
    ];

    /// <summary>
    /// The web UI: its pages (sign-in required by the pages' [Authorize], checked in the E2E tests), Blazor's circuit
    /// endpoint, and static assets (the framework's script, MudBlazor's and the UI's styles; in Development also
    /// MapStaticAssets' catch-all for files added since the build, which matches only paths with a file extension).
    /// </summary>
    private static readonly string[] WebUiRoutes = ["/app", "/_blazor", "/_framework", "/_content", StaticAssetsDevelopmentFallback];

    /// <summary>Added by MapStaticAssets in Development only, outside its convention builder: it serves public files of the web roots.</summary>
    private const string StaticAssetsDevelopmentFallback = "/{**path:file}";

    private static readonly string[] FrameworkRoutes = ["/connect", "/account", "/openapi", "/scalar", "/.well-known", HubRoutes, .. WebUiRoutes];

    /// <summary>SignalR's endpoints (negotiate, the connection): documented in prose, and they must require sign-in.</summary>
    private const string HubRoutes = "/hubs";

    [Fact]
    public void Every_served_route_is_in_the_documented_table_with_the_same_requirement()
    {
        var documented = DocumentedRoutes();
        var served = RouteCatalog.Routes(factory)
            .Where(r => r.Pattern != "/" && !FrameworkRoutes.Any(f => r.Pattern.StartsWith(f, StringComparison.Ordinal)))
            .Select(r => (r.Method, r.Pattern, r.Requires))
            .ToList();

        served.Count.ShouldBeGreaterThan(10);
        served.Except(documented).ShouldBeEmpty("served but not documented (or documented differently)");
        documented.Except(served).ShouldBeEmpty("documented but not served");
    }

    [Fact]
    public void Every_route_declares_its_authorization_and_tenant_routes_a_permission()
    {
        var routes = RouteCatalog.Routes(factory);

        routes.Where(r => r.Requires == "undeclared" && r.Pattern != StaticAssetsDevelopmentFallback).ShouldBeEmpty();
        var hubRoutes = routes.Where(r => r.Pattern.StartsWith(HubRoutes, StringComparison.Ordinal)).ToList();
        hubRoutes.ShouldNotBeEmpty();
        hubRoutes.ShouldAllBe(r => r.Requires == "signed-in");
        routes.Where(r => r.IsTenantRoute && r.Requires is "anonymous" or "signed-in").ShouldBeEmpty();
        routes.Where(r => r.Requires == "anonymous").Select(r => r.Pattern).Distinct()
            .ShouldAllBe(p => p == "/" || p.StartsWith("/health", StringComparison.Ordinal) || p.StartsWith("/api/v1/sample", StringComparison.Ordinal)
                || FrameworkRoutes.Any(f => p.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_tenant_route_answers_403_exactly_when_the_role_lacks_its_permission()
    {
        var values = await RouteCatalog.IdsOf(factory, "acme");
        // Unknown object ids: an allowed caller then gets 404 not_found from the handler instead of changing anything.
        foreach (var key in values.Keys.Where(k => k != "tenant").ToList())
            values[key] = key is "n" or "a" or "b" ? "999" : Guid.NewGuid().ToString();
        var mismatches = new List<string>();
        var allowedSomewhere = new HashSet<string>(StringComparer.Ordinal);

        foreach (var route in RouteCatalog.Routes(factory).Where(r => r.IsTenantRoute))
        {
            foreach (var (name, caller, role) in Roles)
            {
                var client = caller == "client" ? await factory.IntegrationClient() : await factory.ClientFor(caller);
                var request = new HttpRequestMessage(new HttpMethod(route.Method), RouteCatalog.Url(route.Pattern, values));
                if (route.Method is "POST" or "PUT" or "PATCH")
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                var response = await client.SendAsync(request);
                var denied = response.StatusCode == HttpStatusCode.Forbidden && await response.ProblemCode() == "permission_denied";
                var policyAllows = role is { } r ? AccessPolicy.Allows(r, route.Requires) : AccessPolicy.AllowsIntegration(route.Requires);

                if (policyAllows == denied || response.StatusCode == HttpStatusCode.InternalServerError)
                    mismatches.Add($"{route.Method} {route.Pattern} as {name}: {(int)response.StatusCode}, policy {(policyAllows ? "allows" : "denies")}");
                if (!denied)
                    allowedSomewhere.Add($"{route.Method} {route.Pattern}");
            }
        }

        mismatches.ShouldBeEmpty();
        // The control: no route is denied to everyone, so a broken setup cannot pass by denying everything.
        RouteCatalog.Routes(factory).Where(r => r.IsTenantRoute).Select(r => $"{r.Method} {r.Pattern}").ShouldAllBe(r => allowedSomewhere.Contains(r));
    }

    [Fact]
    public void The_documented_permissions_by_role_are_the_access_policy()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "authorization.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("## Permissions by role", StringComparison.Ordinal));
        var rows = lines.Skip(start).SkipWhile(l => !l.StartsWith("| permission", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1..^1])
            .ToList();
        MemberRole[] columns = [MemberRole.Viewer, MemberRole.Contributor, MemberRole.Approver, MemberRole.Admin];

        var mismatches = rows.SelectMany(cells => columns.Select((role, i) => (cells, role, i))
                .Where(x => (x.cells[x.i + 1] == "✓") != AccessPolicy.Allows(x.role, x.cells[0]))
                .Select(x => $"{x.cells[0]} for {x.role}")
                .Concat((cells[5] == "✓") != AccessPolicy.AllowsIntegration(cells[0]) ? [$"{cells[0]} for integration"] : []))
            .ToList();

        rows.Select(r => r[0]).ShouldBe(SalesAlign.Contracts.Security.Permissions.All, ignoreOrder: true);
        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public void The_documented_use_cases_are_generated_from_the_requests_declarations()
    {
        var expected = UseCaseTable();
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "authorization.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("## Use cases", StringComparison.Ordinal));
        var documented = start < 0 ? "" : string.Join('\n', lines.Skip(start).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')));

        documented.ShouldBe(expected, $"docs/authorization.md's '## Use cases' table is generated from the requests' declarations; it should read:\n{expected}\n");
    }

    /// <summary>Every request of the Application with its declared policy and the routes that send it.</summary>
    private string UseCaseTable()
    {
        var routes = factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<SalesAlign.Api.Tenancy.UseCaseRoute>() is not null)
            .ToLookup(e => e.Metadata.GetMetadata<SalesAlign.Api.Tenancy.UseCaseRoute>()!.RequestType,
                e => $"{e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods[0]} /{e.RoutePattern.RawText!.Trim('/')}");
        var requests = typeof(SalesAlign.Application.DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Mediator.IMessage).IsAssignableFrom(t) && !typeof(Mediator.INotification).IsAssignableFrom(t))
            .OrderBy(t => t.Namespace!.Split('.')[^1], StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal);
        var rows = requests.Select(t =>
        {
            var sentBy = routes[t].Order(StringComparer.Ordinal).ToList();
            return $"| {t.Namespace!.Split('.')[^1]} | {t.Name} | {RequestPolicy.Of(t)?.Describe() ?? "undeclared"} | {(sentBy.Count == 0 ? "—" : string.Join("<br>", sentBy.Select(r => $"`{r}`")))} |";
        });
        return string.Join('\n', ["| area | use case | requires | sent by |", "|---|---|---|---|", .. rows]);
    }

    private static List<(string Method, string Pattern, string Requires)> DocumentedRoutes()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "authorization.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("## Routes", StringComparison.Ordinal));
        return lines.Skip(start)
            .Where(l => l.StartsWith("| GET", StringComparison.Ordinal) || l.StartsWith("| POST", StringComparison.Ordinal)
                || l.StartsWith("| PATCH", StringComparison.Ordinal) || l.StartsWith("| DELETE", StringComparison.Ordinal) || l.StartsWith("| PUT", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(c => (c[0], c[1], c[2]))
            .ToList();
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SalesAlign.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("SalesAlign.sln not found above the test binaries.");
    }
}
