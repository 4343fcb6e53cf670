using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Application.Features.Analytics;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Analytics;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Scoring;
using static SalesAlign.Application.IntegrationTests.Users;

namespace SalesAlign.Application.IntegrationTests;

/// <summary>KPIs and impact previews over leads stored in each provider.</summary>
public abstract partial class WorkflowTests
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>The Domain's hand-computed KPI fixture (KpiCalculatorTests) without L12, whose MQL moment depends on the clock.</summary>
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

    private Task<int> StoreLeadsAsync(Guid tenant, Guid playbook, IEnumerable<(LeadData Data, LeadFunnel Funnel)> leads) =>
        app.InDbAsync(tenant, async db =>
        {
            var n = 0;
            var batch = Guid.NewGuid().ToString("N")[..8];
            foreach (var (data, f) in leads)
            {
                db.Leads.Add(new Lead
                {
                    Id = Guid.CreateVersion7(),
                    ExternalId = $"{batch}-{n++}",
                    PlaybookId = playbook,
                    FieldsJson = LeadPayload.WriteFields(data.Fields),
                    EventsJson = LeadPayload.WriteEvents(data.Events),
                    EventCount = data.Events.Count,
                    CreatedAt = f.CreatedAt,
                    UpdatedAt = f.CreatedAt,
                    MqlAt = f.MqlAt,
                    MqlVersion = f.MqlVersion,
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
            return await db.SaveChangesAsync();
        });

    /// <summary>Leads of the sample playbook: about half in its top grades with recent engagement.</summary>
    private static IEnumerable<(LeadData, LeadFunnel)> SampleLeads(int count, int seed = 5)
    {
        var random = new Random(seed);
        var document = Documents.Sample;
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var fields = new Dictionary<string, JsonElement>
            {
                ["seniority"] = JsonSerializer.SerializeToElement(random.NextDouble() < 0.5 ? "VP" : "Individual Contributor"),
                ["department"] = JsonSerializer.SerializeToElement("Marketing"),
                ["companySize"] = JsonSerializer.SerializeToElement(random.Next(10, 3000)),
                ["industry"] = JsonSerializer.SerializeToElement("Software"),
                ["annualBudget"] = JsonSerializer.SerializeToElement(random.Next(1000, 200_000)),
            };
            var created = now.AddDays(-random.Next(1, 150));
            var events = Enumerable.Range(0, random.Next(0, 10))
                .Select(_ => new EngagementEvent(document.EventTypes[random.Next(document.EventTypes.Count)].Key, created.AddHours(random.Next(0, 200))))
                .Where(e => e.OccurredAt <= now).ToList();
            yield return (new LeadData(fields, events), random.NextDouble() < 0.5
                ? new LeadFunnel(created, MqlAt: created.AddHours(3), MqlVersion: 1, SqlAt: random.NextDouble() < 0.5 ? created.AddDays(1) : null)
                : new LeadFunnel(created));
        }
    }

    private static PlaybookDocument WithEngagementBarRaisedBy(PlaybookDocument document, double delta)
    {
        Condition Shift(Condition c) => c switch
        {
            AllCondition all => new AllCondition([.. all.Conditions.Select(Shift)]),
            AnyCondition any => new AnyCondition([.. any.Conditions.Select(Shift)]),
            NotCondition not => new NotCondition(Shift(not.Condition)),
            ComparisonCondition { Field: BuiltInOperands.EngagementScore } cmp =>
                cmp with { Value = JsonSerializer.SerializeToElement(cmp.Value!.Value.GetDouble() + delta) },
            _ => c,
        };
        return document with { Mql = new MqlSection { Condition = Shift(document.Mql.Condition) } };
    }

    [Fact]
    public async Task KPIs_of_stored_leads_match_the_hand_computed_fixture()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        await StoreLeadsAsync(tenant, playbook, KpiFixture.Select(f => (LeadData.Empty, f)));

        var kpis = await app.SendAsync(tenant, Chris, new GetKpisQuery(playbook, "2026-09-01", "2026-11-01", "month"));

        kpis.TimeZone.ShouldBe("Europe/Berlin");
        kpis.Version.ShouldBe(1);
        kpis.Total.StageCounts.ShouldBe([11, 10, 4, 4, 3]);
        kpis.Periods[0].StageCounts.ShouldBe([6, 5, 3, 2, 1]);
        kpis.Periods[1].StageCounts.ShouldBe([5, 5, 1, 2, 2]);
        var mqlToSql = kpis.Periods[0].Conversions.Single(c => c.From == "mql" && c.To == "sql");
        mqlToSql.ShouldBe(new ConversionKpiDto("mql", "sql", new RatioDto(5, 3, 0.6m), 0.5m, true));
        kpis.Total.Conversions.Single(c => c.From == "mql" && c.To == "opportunity").ShouldBe(
            new ConversionKpiDto("mql", "opportunity", new RatioDto(10, 4, 0.4m), 0.2m, true));
        kpis.Periods[1].SalesCycle.ShouldBe(new SalesCycleKpiDto(2, 35.5m, 60m));
        kpis.Total.SalesCycle.ShouldBe(new SalesCycleKpiDto(3, 24m, 60m));
        kpis.Total.ServiceLevel.ShouldBe(new ServiceLevelKpiDto(24, 10, 6, 0, new RatioDto(10, 6, 0.6m)));
        kpis.Total.Rejections.Select(r => (r.Reason, r.Count)).ShouldBe([("no-budget", 3), ("not-a-fit", 1)]);
        kpis.Total.ByVersion.Select(v => (v.Version, v.Mqls)).ShouldBe([(1, 5), (2, 4), ((int?)null, 1)]);
    }

    [Fact]
    public async Task KPIs_judge_each_MQL_by_the_service_level_of_the_version_in_force_when_it_became_an_MQL()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();   // v1: 24 hours
        var v2 = Documents.Sample with { Handoff = Documents.Sample.Handoff with { ServiceLevelHours = 6 } };
        var proposal = await ApprovedAsync(tenant, playbook, v2);
        await PublishAsync(tenant, proposal.Id);
        // Both contacted 10 hours after becoming MQL: within v1's 24 hours, outside v2's 6.
        var underV1 = new LeadFunnel(new(2026, 9, 1, 10, 0, 0, TimeSpan.Zero), MqlAt: new(2026, 9, 2, 10, 0, 0, TimeSpan.Zero), MqlVersion: 1,
            FirstContactAt: new(2026, 9, 2, 20, 0, 0, TimeSpan.Zero));
        var underV2 = new LeadFunnel(new(2026, 10, 1, 10, 0, 0, TimeSpan.Zero), MqlAt: new(2026, 10, 2, 10, 0, 0, TimeSpan.Zero), MqlVersion: 2,
            FirstContactAt: new(2026, 10, 2, 20, 0, 0, TimeSpan.Zero));
        await StoreLeadsAsync(tenant, playbook, [(LeadData.Empty, underV1), (LeadData.Empty, underV2)]);

        var kpis = await app.SendAsync(tenant, Chris, new GetKpisQuery(playbook, "2026-09-01", "2026-11-01", "month"));

        kpis.Version.ShouldBe(2);
        kpis.Periods[0].ServiceLevel.ShouldBe(new ServiceLevelKpiDto(24, 1, 1, 0, new RatioDto(1, 1, 1m)));
        kpis.Periods[1].ServiceLevel.ShouldBe(new ServiceLevelKpiDto(6, 1, 0, 0, new RatioDto(1, 0, 0m)));
        kpis.Total.ServiceLevel.ShouldBe(new ServiceLevelKpiDto(null, 2, 1, 0, new RatioDto(2, 1, 0.5m)));
        kpis.Total.ByVersion.Select(v => (v.Version, v.ServiceLevel.ServiceLevelHours, v.ServiceLevel.WithinServiceLevel))
            .ShouldBe([(1, 24d, 1), (2, 6d, 0)]);
        kpis.Periods.ShouldAllBe(p => p.Complete);
    }

    [Fact]
    public async Task Raising_the_engagement_bar_only_takes_leads_out_of_MQL_and_the_answer_is_cached_until_the_lead_data_moves()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        await StoreLeadsAsync(tenant, playbook, SampleLeads(400));
        var proposal = await OpenAsync(tenant, playbook, WithEngagementBarRaisedBy(Documents.Sample, 15));

        var first = await app.SendAsync(tenant, Sam, new GetProposalImpactQuery(proposal.Id));
        var cached = await app.SendAsync(tenant, Sam, new GetProposalImpactQuery(proposal.Id));
        await StoreLeadsAsync(tenant, playbook, SampleLeads(10, seed: 9));
        var afterNewLeads = await app.SendAsync(tenant, Sam, new GetProposalImpactQuery(proposal.Id));

        first.Status.ShouldBe("ready");
        var report = first.Report!;
        report.Leads.ShouldBe(400);
        report.Unscorable.ShouldBe(0);
        report.NoLongerMql.ShouldBeGreaterThan(0);
        report.NewlyMql.ShouldBe(0);
        report.DraftMqls.ShouldBe(report.BaseMqls - report.NoLongerMql);
        report.NoLongerMqlHistory.Leads.ShouldBe(report.NoLongerMql);
        report.Sample.ShouldAllBe(s => s.Changes.Contains("noLongerMql") && s.Before.IsMql && !s.After.IsMql);
        cached.Report!.ComputeMilliseconds.ShouldBe(0);
        cached.Report.LeadDataVersion.ShouldBe(report.LeadDataVersion);
        afterNewLeads.Report!.Leads.ShouldBe(410);
        afterNewLeads.Report.LeadDataVersion.ShouldBeGreaterThan(report.LeadDataVersion);
    }

    [Fact]
    public async Task Above_the_inline_limit_the_preview_is_computed_in_the_background_with_impactProgress_events()
    {
        if (Unavailable()) return;
        var options = app.Services.GetRequiredService<AnalyticsOptions>();
        var (tenant, playbook) = await PlaybookAsync();
        await StoreLeadsAsync(tenant, playbook, SampleLeads(300));
        var proposal = await OpenAsync(tenant, playbook, WithEngagementBarRaisedBy(Documents.Sample, 15));

        ProposalImpactDto started;
        var polls = new List<ProposalImpactDto>();
        var limit = options.ImpactInlineLeadLimit;
        options.ImpactInlineLeadLimit = 100;
        try
        {
            started = await app.SendAsync(tenant, Sam, new GetProposalImpactQuery(proposal.Id));
            for (var i = 0; i < 100 && (polls.Count == 0 || polls[^1].Status != "ready"); i++)
            {
                await Task.Delay(100);
                polls.Add(await app.SendAsync(tenant, Sam, new GetProposalImpactQuery(proposal.Id)));
            }
        }
        finally
        {
            options.ImpactInlineLeadLimit = limit;
        }
        // The job answers "ready" from memory a moment before it sends its last progress signal: wait for that signal.
        IReadOnlyList<LiveEventDto> events = [];
        for (var i = 0; i < 50 && !(events.Count > 0 && events[^1].Data!.Value.GetProperty("status").GetString() == "ready"); i++)
        {
            if (i > 0)
                await Task.Delay(100);
            events = app.Signals.Of(tenant, LiveEventTypes.ImpactProgress);
        }

        started.Status.ShouldBe("computing");
        started.Total.ShouldBe(300);
        started.Report.ShouldBeNull();
        polls[^1].Status.ShouldBe("ready");
        polls[^1].Report!.Leads.ShouldBe(300);
        polls[^1].Report!.NoLongerMql.ShouldBeGreaterThan(0);
        events.Count.ShouldBeGreaterThanOrEqualTo(2);
        events.ShouldAllBe(e => e.ObjectId == proposal.Id.ToString() && e.Revision == proposal.Revision && e.ActorId == "sam");
        events.ShouldAllBe(e => e.Seq == 0 && e.Tenant == $"t-{tenant:N}");
        var last = events[^1].Data!.Value.Deserialize<ImpactProgressData>(WebJson)!;
        last.ShouldBe(new ImpactProgressData(proposal.Id, proposal.Revision, "ready", 300, 300));
        events[0].Data!.Value.Deserialize<ImpactProgressData>(WebJson)!.Status.ShouldBe("computing");
    }

    [Fact]
    public async Task Impact_progress_is_a_signal_only_while_the_proposals_committed_changes_are_in_the_outbox()
    {
        if (Unavailable()) return;
        var options = app.Services.GetRequiredService<AnalyticsOptions>();
        var (tenant, playbook) = await PlaybookAsync();
        await StoreLeadsAsync(tenant, playbook, SampleLeads(300));
        var proposal = await OpenAsync(tenant, playbook, WithEngagementBarRaisedBy(Documents.Sample, 15));
        var limit = options.ImpactInlineLeadLimit;
        options.ImpactInlineLeadLimit = 100;
        try
        {
            await app.SendAsync(tenant, Sam, new GetProposalImpactQuery(proposal.Id));
            for (var i = 0; i < 100 && !app.Signals.Of(tenant, LiveEventTypes.ImpactProgress).Any(e => e.Data!.Value.GetProperty("status").GetString() == "ready"); i++)
                await Task.Delay(100);
        }
        finally
        {
            options.ImpactInlineLeadLimit = limit;
        }

        var outbox = await app.InDbAsync(tenant, db => db.OutboxEvents.AsNoTracking().Where(e => e.ObjectId == proposal.Id.ToString()).Select(e => e.Type).ToListAsync());
        var signals = app.Signals.Of(tenant, LiveEventTypes.ImpactProgress);

        signals.Count.ShouldBeGreaterThanOrEqualTo(2); // allowed: the progress was signalled, up to "ready"
        outbox.ShouldNotContain(LiveEventTypes.ImpactProgress); // denied: none of it is a durable row (hence no webhook delivery)
        outbox.ShouldContain(LiveEventTypes.ProposalCreated); // allowed: the proposal's committed changes are
        app.Signals.Of(tenant, LiveEventTypes.ProposalCreated).ShouldBeEmpty(); // and they are not signals
    }

    [Fact]
    public async Task A_new_meeting_lists_the_weeks_disputed_MQLs_grouped_by_reason_after_the_proposals()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var inReview = await app.SendAsync(tenant, Chris, new SubmitProposalCommand((await OpenAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 33))).Id));
        var now = DateTimeOffset.UtcNow;
        LeadFunnel Rejected(double daysAgo, string? reason) =>
            new(now.AddDays(-20), MqlAt: now.AddDays(-19), MqlVersion: 1, RejectedAt: now.AddDays(-daysAgo), RejectionReason: reason);
        await StoreLeadsAsync(tenant, playbook, new[]
        {
            Rejected(1, "no-budget"), Rejected(2, "bad-timing"), Rejected(3, "no-budget"), Rejected(6.5, "not-a-fit"),
            Rejected(8, "no-budget"), Rejected(12, "duplicate"),
        }.Select(f => (LeadData.Empty, f)));

        var meeting = await PlanAsync(tenant, playbook);

        meeting.Agenda.Select(i => (i.Kind, i.Proposal?.Id, i.RejectionReasonKey, i.DisputedLeads)).ShouldBe([
            ("proposalReview", inReview.Id, null, null),
            ("disputedMqls", null, "no-budget", 2),
            ("disputedMqls", null, "bad-timing", 1),
            ("disputedMqls", null, "not-a-fit", 1)]);
        var decided = await DecideAsync(tenant, Sam, meeting, 1, "openProposal", "Budget is asked too early.");
        decided.Agenda[1].Decision.ShouldBe("openProposal");
        decided.Agenda[1].DisputedLeads.ShouldBe(2);
    }
}
