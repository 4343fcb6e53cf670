using System.Net;
using System.Text.Json;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Api.Tests;

/// <summary>Issue 10 item 12: audit ids are each tenant's own numbers, so their gaps say nothing about other tenants.</summary>
[Collection(nameof(ApiHost))]
public sealed class AuditIdTests(ApiFactory factory)
{
    [Fact]
    public async Task A_tenants_audit_ids_run_on_without_gaps_while_another_tenant_is_busy()
    {
        var alex = await factory.ClientFor("alex@northwind.example");

        // acme, globex, acme, globex: one sequence across tenants would give each tenant every other number.
        var acmeMember = await AddAndRemove(alex, "acme", "gina@globex.example");
        var globexMember = await AddAndRemove(alex, "globex", "chris@acme.example");
        await AddAndRemove(alex, "acme", "gina@globex.example");
        await AddAndRemove(alex, "globex", "chris@acme.example");

        var acme = await Ids(alex, "acme", limit: 4);
        var globex = await Ids(alex, "globex", limit: 4);
        acme.ShouldBe(Consecutive(acme[0], 4));
        globex.ShouldBe(Consecutive(globex[0], 4));

        // Allowed control: each tenant still sees exactly its own entries, newest first, and pages on by number.
        var acmeLog = await Entries(alex, "acme", limit: 4);
        acmeLog.Select(e => e.GetProperty("objectId").GetString()).Distinct().ShouldBe([acmeMember]);
        (await Entries(alex, "globex", limit: 4)).Select(e => e.GetProperty("objectId").GetString()).Distinct().ShouldBe([globexMember]);
        var firstPage = await (await alex.GetAsync("/api/v1/t/acme/audit?limit=2")).Json();
        var cursor = firstPage.GetProperty("nextCursor").GetString();
        var secondPage = await (await alex.GetAsync($"/api/v1/t/acme/audit?limit=2&cursor={Uri.EscapeDataString(cursor!)}")).Json();
        secondPage.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ShouldBe(Consecutive(acme[0] - 2, 2));
    }

    [Fact]
    public async Task A_new_tenants_log_starts_at_one()
    {
        var omar = await factory.ClientFor("omar@globex.example");
        var slug = $"t{Guid.NewGuid():N}"[..20];
        (await omar.PostJson("/api/v1/tenants", new CreateTenantRequest(slug, "Initech", "Europe/Berlin"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await AddAndRemove(omar, slug, "gina@globex.example");

        var ids = await Ids(omar, slug, limit: 50);

        ids[^1].ShouldBe(1);
        ids.ShouldBe(Consecutive(ids[0], ids.Count));
    }

    private static long[] Consecutive(long newest, int count) => Enumerable.Range(0, count).Select(i => newest - i).ToArray();

    private static async Task<string> AddAndRemove(HttpClient admin, string tenant, string email)
    {
        var added = await admin.PostJson($"/api/v1/t/{tenant}/members", new AddMemberRequest(email, "sales", "viewer"));
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        var userId = (await added.Json()).GetProperty("userId").GetString()!;
        (await admin.DeleteAsync($"/api/v1/t/{tenant}/members/{userId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return userId;
    }

    private static async Task<List<JsonElement>> Entries(HttpClient client, string tenant, int limit)
    {
        var response = await client.GetAsync($"/api/v1/t/{tenant}/audit?limit={limit}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Json()).GetProperty("items").EnumerateArray().ToList();
    }

    private static async Task<List<long>> Ids(HttpClient client, string tenant, int limit) =>
        (await Entries(client, tenant, limit)).Select(e => e.GetProperty("id").GetInt64()).ToList();
}
