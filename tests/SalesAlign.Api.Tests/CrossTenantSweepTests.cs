using System.Net;
using System.Text;

namespace SalesAlign.Api.Tests;

/// <summary>
/// The cross-tenant sweep: every route of the API, called by a member of globex with acme's slug and with
/// acme's object ids under globex's slug. Never a 2xx, never acme's data in a body.
/// </summary>
[Collection(nameof(ApiHost))]
public sealed class CrossTenantSweepTests(ApiFactory factory)
{
    [Theory]
    [InlineData("gina@globex.example")]
    [InlineData("omar@globex.example")]
    public async Task A_globex_member_never_reads_or_changes_acme_data_through_any_route(string caller)
    {
        var client = await factory.ClientFor(caller);
        var acme = await RouteCatalog.IdsOf(factory, "acme");
        var acmeIdsUnderGlobex = new Dictionary<string, string>(acme) { ["tenant"] = "globex" };
        var secrets = acme.Where(kv => kv.Key is not ("tenant" or "n" or "a" or "b")).Select(kv => kv.Value).Append("@acme.example").ToList();
        var leaks = new List<string>();
        var calls = 0;

        foreach (var route in RouteCatalog.Routes(factory).Where(r => r.IsTenantRoute))
        {
            foreach (var values in new[] { acme, acmeIdsUnderGlobex })
            {
                if (values == acmeIdsUnderGlobex && !route.Pattern.Contains("Id}", StringComparison.Ordinal) && !route.Pattern.Contains("{n}", StringComparison.Ordinal))
                    continue;
                var request = new HttpRequestMessage(new HttpMethod(route.Method), RouteCatalog.Url(route.Pattern, values));
                if (route.Method is "POST" or "PUT" or "PATCH")
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                calls++;

                if ((int)response.StatusCode is >= 200 and < 300 || response.StatusCode == HttpStatusCode.InternalServerError)
                    leaks.Add($"{route.Method} {request.RequestUri}: {(int)response.StatusCode}");
                if (values == acme && response.StatusCode != HttpStatusCode.NotFound)
                    leaks.Add($"{route.Method} {request.RequestUri}: {(int)response.StatusCode}, expected 404 for a foreign tenant");
                if (secrets.Any(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)))
                    leaks.Add($"{route.Method} {request.RequestUri}: body mentions acme data");
            }
        }

        calls.ShouldBeGreaterThan(5);
        leaks.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_sweep_would_see_a_leak_an_acme_member_reads_acme_data_on_the_same_routes()
    {
        var maria = await factory.ClientFor("maria@acme.example");

        var members = await maria.GetAsync("/api/v1/t/acme/members");

        members.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await members.Content.ReadAsStringAsync()).ShouldContain("@acme.example");
    }
}
