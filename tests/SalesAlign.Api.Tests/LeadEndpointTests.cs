using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Infrastructure.Persistence;

namespace SalesAlign.Api.Tests;

/// <summary>The lead routes over HTTP: batch with Idempotency-Key, CSV import, read, list, outcomes, scoring; the seeded funnel.</summary>
[Collection(nameof(ApiHost))]
public sealed class LeadEndpointTests(ApiFactory factory)
{
    private const string Api = "/api/v1/t/acme";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<Guid> PlaybookIdAsync(HttpClient client) =>
        (await (await client.GetAsync($"{Api}/playbooks")).Json()).GetProperty("items")[0].GetProperty("id").GetGuid();

    private static Task<HttpResponseMessage> BatchAsync(HttpClient client, string json, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/leads:batch") { Content = Json(json) };
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_batch_with_an_Idempotency_Key_is_replayed_for_the_same_body_and_refused_with_422_for_another()
    {
        var client = await factory.IntegrationClient();
        var key = $"api-{Guid.NewGuid():N}";
        const string body = """{"leads":[{"externalId":"API-IDEM-1","fields":{"seniority":"VP","companySize":800},"events":[{"type":"pricing_page_view","occurredAt":"2026-11-20T09:00:00Z"}]}]}""";
        // The same lead, formatted differently: still the same body as the server understands it.
        const string reformatted = """{ "leads": [ { "externalId": "API-IDEM-1", "fields": { "seniority": "VP", "companySize": 800 }, "events": [ { "type": "pricing_page_view", "occurredAt": "2026-11-20T09:00:00Z" } ] } ] }""";

        var first = await BatchAsync(client, body, key);
        var replay = await BatchAsync(client, reformatted, key);
        var other = await BatchAsync(client, """{"leads":[{"externalId":"API-IDEM-2"}]}""", key);
        var again = await BatchAsync(client, body);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replay.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await other.ProblemCode()).ShouldBe("idempotency.key_reused");
        (await again.Json()).GetProperty("unchanged").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_CSV_import_reports_rejected_rows_and_the_imported_lead_reads_back_scored_with_its_explanation()
    {
        var client = await factory.ClientFor("chris@acme.example");
        var csv = "externalId,seniority,companySize,events\nAPI-CSV-1,VP,800,pricing_page_view@2026-11-20T09:00:00Z\nAPI-CSV-2,VP,lots,\nAPI-CSV-3,\"VP\n";

        var import = await client.PostAsync($"{Api}/leads:import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var result = await import.Json();
        var id = (await (await BatchAsync(client, """{"leads":[{"externalId":"API-CSV-1"}]}""")).Json()).GetProperty("leads")[0].GetProperty("id").GetGuid();
        var lead = await (await client.GetAsync($"{Api}/leads/{id}")).Json();
        var scored = await client.PostAsync($"{Api}/playbooks/{await PlaybookIdAsync(client)}/score",
            Json("""{"lead":{"externalId":"API-CSV-1","fields":{"seniority":"VP","companySize":800},"events":[{"type":"pricing_page_view","occurredAt":"2026-11-20T09:00:00Z"}]}}"""));

        import.StatusCode.ShouldBe(HttpStatusCode.OK);
        result.GetProperty("accepted").GetInt32().ShouldBe(1);
        result.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("code").GetString()))
            .ShouldBe([(3, "wrong_type"), (4, "broken_quoting")]);
        lead.GetProperty("score").GetProperty("status").GetString().ShouldBe("scored");
        lead.GetProperty("scoreHistory").GetArrayLength().ShouldBe(1);
        scored.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await scored.Json()).GetProperty("results")[0].GetProperty("explanation").EnumerateArray()
            .ShouldContain(h => h.GetProperty("ruleId").GetString() == "pricing" && h.GetProperty("fired").GetBoolean());
    }

    [Fact]
    public async Task An_import_that_is_not_CSV_is_refused_with_415_while_text_csv_is_read()
    {
        var client = await factory.ClientFor("chris@acme.example");

        var json = await client.PostAsync($"{Api}/leads:import", Json("{}"));
        var csv = await client.PostAsync($"{Api}/leads:import", new StringContent("externalId\nAPI-415-1\n", Encoding.UTF8, "text/csv"));

        json.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Outcomes_out_of_order_get_409_and_in_order_move_the_funnel()
    {
        var client = await factory.ClientFor("sam@acme.example");
        var writer = await factory.IntegrationClient();
        var id = (await (await BatchAsync(writer, """{"leads":[{"externalId":"API-OUT-1"}]}""")).Json()).GetProperty("leads")[0].GetProperty("id").GetGuid();

        var won = await client.PostAsync($"{Api}/leads/{id}/outcomes", Json("""{"kind":"won","amount":1000}"""));
        var mql = await client.PostAsync($"{Api}/leads/{id}/outcomes", Json("""{"kind":"mqlReached"}"""));
        var stale = new HttpRequestMessage(HttpMethod.Post, $"{Api}/leads/{id}/outcomes") { Content = Json("""{"kind":"sqlAccepted"}""") };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var staleAnswer = await client.SendAsync(stale);
        var sql = await writer.PostAsync($"{Api}/leads/{id}/outcomes", Json("""{"kind":"sqlAccepted"}"""));

        won.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await won.ProblemCode()).ShouldBe("outcome.out_of_order");
        mql.StatusCode.ShouldBe(HttpStatusCode.OK);
        mql.Headers.ETag!.Tag.ShouldBe("\"2\"");
        staleAnswer.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        sql.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sql.Json()).GetProperty("funnel").GetProperty("stage").GetString().ShouldBe("sql");
    }

    [Fact]
    public async Task Scoring_against_a_draft_needs_proposals_read_which_the_integration_client_lacks()
    {
        var maria = await factory.ClientFor("maria@acme.example");
        var integration = await factory.IntegrationClient();
        var playbook = await PlaybookIdAsync(maria);
        var proposal = (await (await maria.GetAsync($"{Api}/playbooks/{playbook}/proposals")).Json()).GetProperty("items")[0].GetProperty("id").GetGuid();
        const string lead = """{"lead":{"fields":{"seniority":"VP"}}}""";

        var asMaria = await maria.PostAsync($"{Api}/playbooks/{playbook}/score?proposal={proposal}", Json(lead));
        var asClient = await integration.PostAsync($"{Api}/playbooks/{playbook}/score?proposal={proposal}", Json(lead));
        var clientCurrent = await integration.PostAsync($"{Api}/playbooks/{playbook}/score", Json(lead));

        asMaria.StatusCode.ShouldBe(HttpStatusCode.OK);
        asClient.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        clientCurrent.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_lead_without_a_stored_score_is_reported_unscored_never_zero()
    {
        var client = await factory.ClientFor("val@acme.example");
        var writer = await factory.IntegrationClient();
        var id = (await (await BatchAsync(writer, """{"leads":[{"externalId":"API-UNSCORED-1","fields":{"seniority":"VP"}}]}""")).Json()).GetProperty("leads")[0].GetProperty("id").GetGuid();
        var before = await (await client.GetAsync($"{Api}/leads/{id}")).Json();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var tenant = await db.Tenants.SingleAsync(t => t.Slug == "acme");
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Enter(tenant.Id, tenant.Slug);
            await db.LeadScores.Where(s => s.LeadId == id).ExecuteDeleteAsync();
        }

        var after = await (await client.GetAsync($"{Api}/leads/{id}")).Json();

        before.GetProperty("score").GetProperty("status").GetString().ShouldBe("scored");
        before.GetProperty("score").TryGetProperty("fitScore", out _).ShouldBeTrue();
        after.GetProperty("score").GetProperty("status").GetString().ShouldBe("unscored");
        after.GetProperty("score").TryGetProperty("fitScore", out _).ShouldBeFalse();
        after.GetProperty("score").TryGetProperty("fitGrade", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task The_lead_list_pages_by_cursor_without_repeating_a_lead()
    {
        var client = await factory.ClientFor("val@acme.example");

        var first = await (await client.GetAsync($"{Api}/leads?limit=100")).Json();
        var second = await (await client.GetAsync($"{Api}/leads?limit=100&cursor={first.GetProperty("nextCursor").GetString()}")).Json();
        var bad = await client.GetAsync($"{Api}/leads?cursor=nope");

        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetGuid()).ToList();
        ids.Count.ShouldBe(200);
        ids.Distinct().Count().ShouldBe(200);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_seeded_demo_funnel_roughly_follows_the_B2B_benchmarks()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tenant = await db.Tenants.SingleAsync(t => t.Slug == "globex");
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Enter(tenant.Id, tenant.Slug);
        var demo = await db.Leads.AsNoTracking().Where(l => l.ExternalId.StartsWith("DEMO-")).ToListAsync();
        var reasons = await db.LeadOutcomes.AsNoTracking().Where(o => o.Reason != null).Select(o => o.Reason!).Distinct().ToListAsync();

        var mql = demo.Count(l => l.MqlAt is not null);
        var sql = demo.Count(l => l.SqlAt is not null);
        var opportunities = demo.Count(l => l.OpportunityAt is not null);
        demo.Count.ShouldBe(ApiFactory.SeededLeadsPerTenant);
        ((double)mql / demo.Count).ShouldBeInRange(0.38, 0.6);
        ((double)sql / mql).ShouldBeInRange(0.35, 0.65);
        ((double)opportunities / sql).ShouldBeInRange(0.2, 0.6);
        demo.Count(l => l.WonAt is not null).ShouldBeGreaterThan(0);
        demo.Where(l => l.WonAt is not null).ShouldAllBe(l => l.Amount > 0);
        demo.Count(l => l.RejectedAt is not null).ShouldBeGreaterThan(0);
        reasons.ShouldAllBe(r => new[] { "not-a-fit", "no-budget", "bad-timing", "wrong-contact", "no-response", "duplicate" }.Contains(r));
        demo.Min(l => l.CreatedAt).ShouldBeLessThan(DateTimeOffset.UtcNow.AddDays(-150));
        (await db.LeadDataVersions.SingleAsync()).Version.ShouldBeGreaterThan(0);
    }
}
