using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Samples;
using SalesAlign.Domain.Scoring;
using SalesAlign.Infrastructure.Persistence;

namespace SalesAlign.Api.Tests;

[Collection(nameof(ApiHost))]
public sealed class AnalyticsEndpointTests(ApiFactory factory)
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>
    /// The hand-computed fixture of the Domain's KpiCalculatorTests without its lead L12 (whose MQL moment depends on the
    /// as-of moment): globex is in Europe/Berlin, the sample playbook's SLA is 24 h, its targets 0.5/0.5/0.4/0.25.
    /// </summary>
    private static readonly LeadFunnel[] KpiFixture =
    [
        new(Utc(8, 31, 23, 30), MqlAt: Utc(9, 2, 10), MqlVersion: 1, FirstContactAt: Utc(9, 2, 20), SqlAt: Utc(9, 5, 10),
            OpportunityAt: Utc(9, 20, 10), WonAt: Utc(10, 20, 10), Amount: 12_000m),
        new(Utc(9, 3, 10), MqlAt: Utc(9, 4, 8), MqlVersion: 1, FirstContactAt: Utc(9, 6, 8), SqlAt: Utc(9, 10, 10),
            OpportunityAt: Utc(10, 1, 12), LostAt: Utc(10, 30, 10), Amount: 8_000m),
        new(Utc(9, 5, 10), MqlAt: Utc(9, 6, 12), MqlVersion: 1, RejectedAt: Utc(9, 7, 9), RejectionReason: "no-budget"),
        new(Utc(9, 10, 10), MqlAt: Utc(9, 12, 0), MqlVersion: 1, RejectedAt: Utc(9, 15, 10), RejectionReason: "no-budget"),
        new(Utc(9, 15, 10)),
        new(Utc(9, 20, 10)),
        new(Utc(9, 30, 22, 30), MqlAt: Utc(10, 2, 9), MqlVersion: 2, FirstContactAt: Utc(10, 2, 15), SqlAt: Utc(10, 3, 10),
            OpportunityAt: Utc(10, 5, 10), WonAt: Utc(10, 25, 9), Amount: 20_000m),
        new(Utc(10, 5, 10), MqlAt: Utc(10, 6, 10), MqlVersion: 2, FirstContactAt: Utc(10, 8, 10), RejectedAt: Utc(10, 9, 10),
            RejectionReason: "not-a-fit"),
        new(Utc(10, 10, 10), MqlAt: Utc(10, 12, 10)),
        new(Utc(10, 20, 10), MqlAt: Utc(10, 31, 22, 30), MqlVersion: 2, FirstContactAt: Utc(11, 1, 10), SqlAt: Utc(11, 3, 10)),
        new(Utc(10, 25, 10), MqlAt: Utc(10, 26, 8), MqlVersion: 2, FirstContactAt: Utc(10, 26, 12), RejectedAt: Utc(10, 28, 10),
            RejectionReason: "no-budget"),
        new(Utc(7, 15, 10), MqlAt: Utc(9, 1, 10), MqlVersion: 1, FirstContactAt: Utc(9, 1, 11), SqlAt: Utc(9, 3, 10),
            OpportunityAt: Utc(9, 10, 10), WonAt: Utc(9, 25, 10), Amount: 5_000m),
        new(Utc(11, 2, 10)),
    ];

    [Fact]
    public async Task KPIs_over_the_API_match_the_hand_computed_fixture()
    {
        var alex = await factory.ClientFor("alex@northwind.example");
        var gina = await factory.ClientFor("gina@globex.example");
        var created = await alex.PostJson("/api/v1/t/globex/playbooks",
            new { name = $"KPI fixture {Guid.NewGuid():N}", document = JsonSerializer.Deserialize<JsonElement>(SamplePlaybooks.B2BSaasJson) });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var playbookId = (await created.Json()).GetProperty("id").GetGuid();
        await InsertLeadsAsync("globex", playbookId, KpiFixture.Select((f, i) => ($"kpi-{i}", LeadData.Empty, f)));

        var response = await gina.GetAsync($"/api/v1/t/globex/kpis?playbook={playbookId}&from=2026-09-01&to=2026-11-01&period=month");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var kpis = await response.Json();
        kpis.GetProperty("timeZone").GetString().ShouldBe("Europe/Berlin");
        var (sep, oct, total) = (kpis.GetProperty("periods")[0], kpis.GetProperty("periods")[1], kpis.GetProperty("total"));
        Ints(total.GetProperty("stageCounts")).ShouldBe([11, 10, 4, 4, 3]);
        Ints(oct.GetProperty("stageCounts")).ShouldBe([5, 5, 1, 2, 2]);
        var mqlToSql = Conversion(sep, "mql", "sql");
        (mqlToSql.GetProperty("value").GetProperty("cohort").GetInt32(), mqlToSql.GetProperty("value").GetProperty("converted").GetInt32()).ShouldBe((5, 3));
        mqlToSql.GetProperty("value").GetProperty("rate").GetDecimal().ShouldBe(0.6m);
        mqlToSql.GetProperty("target").GetDecimal().ShouldBe(0.5m);
        mqlToSql.GetProperty("meetsTarget").GetBoolean().ShouldBeTrue();
        Conversion(oct, "mql", "sql").GetProperty("meetsTarget").GetBoolean().ShouldBeFalse();
        Conversion(total, "lead", "customer").GetProperty("value").GetProperty("rate").GetDecimal().ShouldBe(0.1818m); // 2 of 11
        oct.GetProperty("salesCycle").GetProperty("medianDays").GetDecimal().ShouldBe(35.5m);
        total.GetProperty("serviceLevel").GetProperty("share").GetProperty("rate").GetDecimal().ShouldBe(0.6m);
        total.GetProperty("rejections")[0].GetProperty("reason").GetString().ShouldBe("no-budget");
        total.GetProperty("rejections")[0].GetProperty("count").GetInt32().ShouldBe(3);
        total.GetProperty("byVersion").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task KPIs_refuse_a_bad_period_and_dates_naming_each()
    {
        var gina = await factory.ClientFor("gina@globex.example");
        var playbookId = (await (await gina.GetAsync("/api/v1/t/globex/playbooks")).Json()).GetProperty("items")[0].GetProperty("id").GetGuid();

        var bad = await gina.GetAsync($"/api/v1/t/globex/kpis?playbook={playbookId}&from=2026-13-01&to=2026-01-01&period=day");
        var missing = await gina.GetAsync("/api/v1/t/globex/kpis");
        var defaults = await gina.GetAsync($"/api/v1/t/globex/kpis?playbook={playbookId}");

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await bad.Content.ReadAsStringAsync();
        body.ShouldContain("/period");
        body.ShouldContain("/from");
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("/playbook");
        defaults.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await defaults.Json()).GetProperty("periods").GetArrayLength().ShouldBe(6);
    }

    [Fact]
    public async Task The_demo_proposal_shows_leads_entering_MQL_and_the_second_answer_comes_from_the_cache()
    {
        var sam = await factory.ClientFor("sam@acme.example");
        var playbookId = (await (await sam.GetAsync("/api/v1/t/acme/playbooks")).Json()).GetProperty("items")[0].GetProperty("id").GetGuid();
        var proposalId = (await (await sam.GetAsync($"/api/v1/t/acme/playbooks/{playbookId}/proposals")).Json())
            .GetProperty("items").EnumerateArray().First(p => p.GetProperty("title").GetString()!.StartsWith("Count pricing-page", StringComparison.Ordinal))
            .GetProperty("id").GetGuid();
        await InsertLeadsAsync("acme", playbookId, GenerateLeads(SamplePlaybooks.B2BSaas(), 600, DateTimeOffset.UtcNow));

        var first = await sam.GetAsync($"/api/v1/t/acme/proposals/{proposalId}/impact");
        var second = await sam.GetAsync($"/api/v1/t/acme/proposals/{proposalId}/impact");

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var impact = await first.Json();
        impact.GetProperty("status").GetString().ShouldBe("ready");
        var report = impact.GetProperty("report");
        report.GetProperty("leads").GetInt32().ShouldBeGreaterThanOrEqualTo(600);
        report.GetProperty("newlyMql").GetInt32().ShouldBeGreaterThan(0);
        report.GetProperty("draftMqls").GetInt32().ShouldBeGreaterThan(report.GetProperty("baseMqls").GetInt32());
        report.GetProperty("months").GetArrayLength().ShouldBe(6);
        var sample = report.GetProperty("sample")[0];
        sample.GetProperty("changes").EnumerateArray().Select(c => c.GetString()).ShouldContain("newlyMql");
        sample.GetProperty("before").GetProperty("isMql").GetBoolean().ShouldBeFalse();
        sample.GetProperty("after").GetProperty("isMql").GetBoolean().ShouldBeTrue();
        sample.GetProperty("after").GetProperty("explanation").GetArrayLength().ShouldBeGreaterThan(0);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cached = (await second.Json()).GetProperty("report");
        cached.GetProperty("computeMilliseconds").GetInt64().ShouldBe(0);
        cached.GetProperty("newlyMql").GetInt32().ShouldBe(report.GetProperty("newlyMql").GetInt32());
    }

    [Fact]
    public async Task A_viewer_reads_the_impact_while_a_member_of_another_tenant_gets_not_found()
    {
        var val = await factory.ClientFor("val@acme.example");
        var gina = await factory.ClientFor("gina@globex.example");
        var playbookId = (await (await val.GetAsync("/api/v1/t/acme/playbooks")).Json()).GetProperty("items")[0].GetProperty("id").GetGuid();
        var proposalId = (await (await val.GetAsync($"/api/v1/t/acme/playbooks/{playbookId}/proposals")).Json()).GetProperty("items")[0].GetProperty("id").GetGuid();

        var allowed = await val.GetAsync($"/api/v1/t/acme/proposals/{proposalId}/impact");
        var foreign = await gina.GetAsync($"/api/v1/t/acme/proposals/{proposalId}/impact");
        var foreignThroughOwnTenant = await gina.GetAsync($"/api/v1/t/globex/proposals/{proposalId}/impact");

        allowed.StatusCode.ShouldBe(HttpStatusCode.OK, await allowed.Content.ReadAsStringAsync());
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreignThroughOwnTenant.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static JsonElement Conversion(JsonElement period, string from, string to) =>
        period.GetProperty("conversions").EnumerateArray().Single(c => c.GetProperty("from").GetString() == from && c.GetProperty("to").GetString() == to);

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private async Task InsertLeadsAsync(string slug, Guid playbookId, IEnumerable<(string ExternalId, LeadData Data, LeadFunnel Funnel)> leads)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == slug);
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Enter(tenant.Id, tenant.Slug);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        foreach (var (externalId, data, f) in leads)
        {
            db.Leads.Add(new Lead
            {
                Id = Guid.CreateVersion7(),
                ExternalId = $"{prefix}-{externalId}",
                PlaybookId = playbookId,
                FieldsJson = LeadPayload.WriteFields(data.Fields),
                EventsJson = LeadPayload.WriteEvents(data.Events),
                EventCount = data.Events.Count,
                CreatedAt = f.CreatedAt,
                UpdatedAt = f.CreatedAt,
                MqlAt = f.MqlAt,
                MqlVersion = f.MqlVersion,
                MqlPlaybookId = f.MqlAt is null ? null : playbookId,
                FirstContactAt = f.FirstContactAt,
                SqlAt = f.SqlAt,
                RejectedAt = f.RejectedAt,
                RejectionReason = f.RejectionReason,
                OpportunityAt = f.OpportunityAt,
                WonAt = f.WonAt,
                LostAt = f.LostAt,
                Amount = f.Amount,
            });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Ideal-ish accounts with recent pricing-page views and other engagement: the demo proposal's territory.</summary>
    internal static IEnumerable<(string, LeadData, LeadFunnel)> GenerateLeads(PlaybookDocument document, int count, DateTimeOffset now, int seed = 11)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var fields = new Dictionary<string, JsonElement>();
            foreach (var field in document.Fields)
            {
                if (random.NextDouble() < 0.15)
                    continue;
                fields[field.Key] = field.Type switch
                {
                    FieldType.Number => JsonSerializer.SerializeToElement(Math.Round(Math.Exp(random.NextDouble() * 10), 0)),
                    FieldType.Boolean => JsonSerializer.SerializeToElement(field.Key != "isCompetitor" && random.NextDouble() < 0.5),
                    FieldType.Date => JsonSerializer.SerializeToElement(now.AddDays(random.Next(-100, 300)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                    FieldType.Choice => JsonSerializer.SerializeToElement(field.AllowedValues![random.Next(field.AllowedValues.Count)]),
                    FieldType.MultiChoice => JsonSerializer.SerializeToElement(field.AllowedValues!.Where(_ => random.NextDouble() < 0.3).ToArray()),
                    _ => JsonSerializer.SerializeToElement(random.NextDouble() < 0.5 ? "VP Marketing" : "Operations Analyst"),
                };
            }
            var created = now.AddHours(-random.Next(24, 24 * 170));
            var events = Enumerable.Range(0, random.Next(0, 12))
                .Select(_ => new EngagementEvent(random.NextDouble() < 0.4 ? "pricing_page_view" : document.EventTypes[random.Next(document.EventTypes.Count)].Key,
                    created.AddHours(random.Next(0, 24 * 20))))
                .Where(e => e.OccurredAt <= now)
                .ToList();
            var funnel = new LeadFunnel(created);
            if (random.NextDouble() < 0.4)
                funnel = funnel with { MqlAt = created.AddHours(12), MqlVersion = 1, SqlAt = random.NextDouble() < 0.5 ? created.AddDays(2) : null };
            yield return ($"lead-{i}", new LeadData(fields, events), funnel);
        }
    }
}
