using System.Text;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Features.Leads;
using SalesAlign.Application.Features.Scoring;
using SalesAlign.Contracts.Leads;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Scoring;
using SalesAlign.Domain.Leads;
using SalesAlign.Infrastructure.Tenancy;
using static SalesAlign.Application.IntegrationTests.Users;

namespace SalesAlign.Application.IntegrationTests;

/// <summary>Leads, outcomes, scoring and re-scoring through the real mediator, on SQLite and PostgreSQL.</summary>
public abstract partial class WorkflowTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    private static LeadDto LeadOf(string id, object? fields = null, params (string Type, DateTimeOffset At)[] events) => new(
        id,
        fields is null ? null : JsonSerializer.SerializeToElement(fields).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
        events.Select(e => new EngagementEventDto(e.Type, e.At)).ToList());

    private Task<UpsertLeadsResponse> UpsertAsync(Guid tenant, string? key, params LeadDto[] leads) =>
        app.SendAsync(tenant, Chris, new UpsertLeadsCommand(new UpsertLeadsRequest(leads), IdempotencyKey: key));

    private async Task<ImportLeadsResponse> ImportAsync(Guid tenant, string csv, IReadOnlyDictionary<string, string>? map = null, int chunk = 2)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant, $"t-{tenant:N}");
        scope.ServiceProvider.GetRequiredService<TestCurrentUser>().Member = Chris;
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ImportLeadsCommand(body, null, map, chunk));
    }

    [Fact]
    public async Task The_same_batch_twice_changes_nothing_and_an_idempotency_key_replays_or_refuses()
    {
        if (Unavailable()) return;
        var (tenant, _) = await PlaybookAsync();
        var lead = LeadOf("L-1", new { seniority = "VP", companySize = 800 }, ("pricing_page_view", Monday), ("demo_requested", Monday.AddHours(2)));

        var first = await UpsertAsync(tenant, null, lead);
        var second = await UpsertAsync(tenant, null, lead);
        var keyed = await UpsertAsync(tenant, "key-1", LeadOf("L-2", new { seniority = "Manager" }));
        var replayed = await UpsertAsync(tenant, "key-1", LeadOf("L-2", new { seniority = "Manager" }));
        var reused = await Should.ThrowAsync<UnprocessableException>(() => UpsertAsync(tenant, "key-1", LeadOf("L-3")));
        var stored = await app.InDbAsync(tenant, db => db.Leads.AsNoTracking().SingleAsync(l => l.ExternalId == "L-1"));
        var counts = await app.InDbAsync(tenant, async db => (Leads: await db.Leads.CountAsync(), History: await db.LeadScoreChanges.CountAsync()));

        first.Created.ShouldBe(1);
        second.Unchanged.ShouldBe(1);
        second.Leads[0].Revision.ShouldBe(1);
        second.DataVersion.ShouldBe(first.DataVersion);
        stored.EventCount.ShouldBe(2);
        replayed.ShouldBeEquivalentTo(keyed);
        replayed.Leads[0].Status.ShouldBe("created");
        reused.Code.ShouldBe("idempotency.key_reused");
        counts.ShouldBe((2, 2));
    }

    [Fact]
    public async Task An_upsert_merges_values_and_events_scores_the_lead_and_refuses_a_batch_with_a_bad_lead_whole()
    {
        if (Unavailable()) return;
        var (tenant, _) = await PlaybookAsync();
        await UpsertAsync(tenant, null, LeadOf("L-1", new { seniority = "VP" }, ("pricing_page_view", Monday)));

        var updated = await UpsertAsync(tenant, null, LeadOf("L-1", new { companySize = 800 }, ("pricing_page_view", Monday), ("webinar_attended", Monday.AddDays(1))));
        var refused = await Should.ThrowAsync<ValidationException>(() => UpsertAsync(tenant, null,
            LeadOf("L-9", new { seniority = "VP" }), LeadOf("L-10", new { companySize = "big", colour = "blue" })));
        var detail = await app.SendAsync(tenant, Maria, new GetLeadQuery(updated.Leads[0].Id));

        updated.Updated.ShouldBe(1);
        detail.Fields.Keys.ShouldBe(["companySize", "seniority"], ignoreOrder: true);
        detail.Events.Count.ShouldBe(2);
        detail.Score.Status.ShouldBe("scored");
        detail.ScoreHistory.Select(h => h.Reason).ShouldBe(["lead data changed", "first score"]);
        refused.Errors.Select(e => e.PropertyName).ShouldBe(["/leads/1/fields/companySize", "/leads/1/fields/colour"], ignoreOrder: true);
        (await app.InDbAsync(tenant, db => db.Leads.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task A_CSV_import_writes_the_good_rows_and_reports_every_bad_row_with_its_line()
    {
        if (Unavailable()) return;
        var (tenant, _) = await PlaybookAsync();
        var csv = string.Join("\r\n",
            "Lead ID,seniority,Company size,industry,events,tenant",                               // 1
            "C-1,VP,800,Software,pricing_page_view@2026-11-20T09:00:00Z;demo_requested@2026-11-21T10:00:00Z,",  // 2
            "C-2,\"VP\"x,10,Software,,",                                                          // 3 text after closing quote
            "C-3,Director,big,Retail,,",                                                          // 4 wrong type
            "C-4,Director,10",                                                                    // 5 wrong column count
            "C-1,Manager,5,Retail,,",                                                             // 6 duplicate id
            "C-5,Astronaut,5,Retail,,",                                                           // 7 not an allowed choice
            "C-6,Manager,5,Retail,,globex",                                                       // 8 another tenant's row
            "C-7,\"Manager, Sales\"\"\",5,Retail,,",                                              // 9 well quoted but not a choice
            "C-8,Manager,5,Retail,bogus,",                                                        // 10 malformed events
            "\"C-9\",\"Manager\",\"12\",\"Retail\",\"\",",                                        // 11 fine, quoted
            "C-10,\"Manager,12,Retail,,",                                                         // 12 quote never closed
            "C-11,Manager,13,Retail,,",                                                           // 13 fine: read after the broken row
            "");
        var map = new Dictionary<string, string> { ["Lead ID"] = "externalId", ["Company size"] = "companySize" };

        var result = await ImportAsync(tenant, csv, map);
        var stored = await app.InDbAsync(tenant, db => db.Leads.AsNoTracking().Select(l => l.ExternalId).ToListAsync());

        result.Accepted.ShouldBe(3);
        result.Created.ShouldBe(3);
        result.Rows.ShouldBe(12);
        stored.ShouldBe(["C-1", "C-9", "C-11"], ignoreOrder: true);
        result.Rejected.Select(r => (r.Line, r.Code)).ShouldBe(
        [
            (3, "broken_quoting"), (4, "wrong_type"), (5, "column_count"), (6, "duplicate_id"), (7, "invalid_value"),
            (8, "foreign_tenant"), (9, "invalid_value"), (10, "invalid_events"), (12, "broken_quoting"),
        ]);
        result.Rejected.Single(r => r.Line == 4).Column.ShouldBe("Company size");
        result.Rejected.Single(r => r.Line == 6).Message.ShouldContain("line 2");
        result.RejectedCount.ShouldBe(9);
    }

    [Fact]
    public async Task A_CSV_with_an_unknown_column_is_refused_before_any_row_is_written()
    {
        if (Unavailable()) return;
        var (tenant, _) = await PlaybookAsync();

        var refused = await Should.ThrowAsync<ValidationException>(() => ImportAsync(tenant, "externalId,seniority,favouriteColour\nC-1,VP,blue\n"));
        var ignored = await ImportAsync(tenant, "externalId,seniority,favouriteColour\nC-1,VP,blue\n", new Dictionary<string, string> { ["favouriteColour"] = "" });

        refused.Errors.Single().ErrorCode.ShouldBe("import.unknown_column");
        refused.Errors.Single().PropertyName.ShouldBe("/header/2");
        ignored.Accepted.ShouldBe(1);
    }

    [Fact]
    public async Task External_ids_are_per_tenant_so_an_import_never_touches_another_tenants_lead()
    {
        if (Unavailable()) return;
        var (tenantA, _) = await PlaybookAsync();
        var (tenantB, _) = await PlaybookAsync();
        var theirs = await UpsertAsync(tenantB, null, LeadOf("SHARED-1", new { seniority = "VP" }));

        var ours = await ImportAsync(tenantA, $"externalId,seniority\nSHARED-1,Manager\n{theirs.Leads[0].Id},Manager\n");
        var b = await app.SendAsync(tenantB, Maria, new GetLeadQuery(theirs.Leads[0].Id));
        var aIds = await app.InDbAsync(tenantA, db => db.Leads.AsNoTracking().Select(l => l.Id).ToListAsync());

        ours.Created.ShouldBe(2);
        b.Fields["seniority"].GetString().ShouldBe("VP");
        b.Revision.ShouldBe(1);
        aIds.ShouldNotContain(theirs.Leads[0].Id);
        await Should.ThrowAsync<NotFoundException>(() => app.SendAsync(tenantA, Maria, new GetLeadQuery(theirs.Leads[0].Id)));
    }

    [Fact]
    public async Task Outcomes_follow_the_funnel_and_keep_the_version_in_force_when_the_lead_became_an_MQL()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var lead = (await UpsertAsync(tenant, null, LeadOf("L-1", new { seniority = "VP" }))).Leads[0].Id;
        Task<LeadDetailDto> Record(string kind, string? reason = null, decimal? amount = null, int? revision = null) =>
            app.SendAsync(tenant, Sam, new RecordOutcomeCommand(lead, new RecordOutcomeRequest(kind, null, reason, amount), revision));

        var wonFirst = await Should.ThrowAsync<ConflictException>(() => Record("won", amount: 1000));
        await Record("mqlReached");
        await PublishAsync(tenant, (await ApprovedAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 20))).Id);
        var badReason = await Should.ThrowAsync<ValidationException>(() => Record("rejected", "too-expensive"));
        var stale = await Should.ThrowAsync<PreconditionFailedException>(() => Record("sqlAccepted", revision: 1));
        await Record("firstContact");
        await Record("sqlAccepted");
        var twice = await Should.ThrowAsync<ConflictException>(() => Record("sqlAccepted"));
        var rejectAfterSql = await Should.ThrowAsync<ConflictException>(() => Record("rejected", "no-budget"));
        await Record("opportunityCreated", amount: 20_000);
        var done = await Record("won", amount: 25_000);

        wonFirst.Code.ShouldBe("outcome.out_of_order");
        badReason.Errors.Single().PropertyName.ShouldBe("/reason");
        stale.ShouldNotBeNull();
        twice.Code.ShouldBe("outcome.already_recorded");
        rejectAfterSql.Code.ShouldBe("outcome.out_of_order");
        done.Funnel.Stage.ShouldBe("won");
        done.Funnel.MqlVersion.ShouldBe(1);
        done.Funnel.Amount.ShouldBe(25_000);
        done.Outcomes.Select(o => o.Kind).ShouldBe(["mqlReached", "firstContact", "sqlAccepted", "opportunityCreated", "won"]);
        done.Outcomes.ShouldAllBe(o => o.MqlVersion == 1);
    }

    [Fact]
    public async Task A_rejected_lead_goes_back_to_nurture_with_one_of_the_playbooks_reasons()
    {
        if (Unavailable()) return;
        var (tenant, _) = await PlaybookAsync();
        var lead = (await UpsertAsync(tenant, null, LeadOf("L-1"))).Leads[0].Id;
        await app.SendAsync(tenant, Sam, new RecordOutcomeCommand(lead, new RecordOutcomeRequest("mqlReached")));

        var rejected = await app.SendAsync(tenant, Sam, new RecordOutcomeCommand(lead, new RecordOutcomeRequest("rejected", Reason: "No budget")));
        var accepted = await Should.ThrowAsync<ConflictException>(() => app.SendAsync(tenant, Sam, new RecordOutcomeCommand(lead, new RecordOutcomeRequest("sqlAccepted"))));

        rejected.Funnel.Stage.ShouldBe("rejected");
        rejected.Funnel.RejectionReason.ShouldBe("no-budget");
        accepted.Message.ShouldContain("nurture");
    }

    [Fact]
    public async Task Publishing_a_version_rescores_stored_leads_in_the_background_with_progress_events()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var now = DateTimeOffset.UtcNow;
        await UpsertAsync(tenant, null,
            LeadOf("L-1", new { seniority = "VP" }, ("pricing_page_view", now.AddDays(-1))),
            LeadOf("L-2", new { seniority = "Manager" }),
            LeadOf("L-3", new { seniority = "Director" }, ("pricing_page_view", now.AddDays(-2))));
        var historyBefore = await app.InDbAsync(tenant, db => db.LeadScoreChanges.CountAsync());

        await PublishAsync(tenant, (await ApprovedAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 30))).Id);
        var chunks = 0;
        while (await RescoreChunkAsync(tenant, chunkSize: 2))
            chunks++;
        var scores = await app.InDbAsync(tenant, db => db.LeadScores.AsNoTracking().ToListAsync());
        var changes = await app.InDbAsync(tenant, db => db.LeadScoreChanges.AsNoTracking().Where(c => c.Version == 2).ToListAsync());
        var events = await app.InDbAsync(tenant, db => db.OutboxEvents.AsNoTracking().Where(e => e.Type == LiveEventTypes.LeadsRescored).OrderBy(e => e.Seq).ToListAsync());
        var job = await app.InDbAsync(tenant, db => db.LeadRescoreJobs.AsNoTracking().SingleAsync());
        var progress = app.Signals.Of(tenant, LiveEventTypes.LeadsRescored);

        chunks.ShouldBe(2);
        scores.ShouldAllBe(s => s.Version == 2);
        changes.Select(c => c.Reason).Distinct().ShouldBe(["version 2 published"]);
        changes.Count.ShouldBe(2); // the two leads with pricing-page views moved; the other did not
        historyBefore.ShouldBe(3);
        job.Status.ShouldBe(RescoreJobStatus.Completed);
        (job.Processed, job.Total, job.Changed).ShouldBe((3, 3, 2));
        // Progress is a signal, the completion a durable event (decision 0045): one of each for two chunks.
        events.Count.ShouldBe(1);
        JsonDocument.Parse(events[^1].DataJson!).RootElement.GetProperty("completed").GetBoolean().ShouldBeTrue();
        JsonDocument.Parse(events[^1].DataJson!).RootElement.GetProperty("processed").GetInt32().ShouldBe(3);
        progress.Count.ShouldBe(1);
        progress[0].Seq.ShouldBe(0);
        progress[0].Data!.Value.GetProperty("processed").GetInt32().ShouldBe(2);
        progress[0].Data!.Value.GetProperty("completed").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Two_workers_rescoring_the_same_job_at_once_never_score_a_lead_twice()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var now = DateTimeOffset.UtcNow;
        await UpsertAsync(tenant, null, Enumerable.Range(0, 12).Select(i => LeadOf($"L-{i}", new { seniority = "VP" }, ("pricing_page_view", now.AddDays(-1)))).ToArray());
        await PublishAsync(tenant, (await ApprovedAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 30))).Id);

        async Task Work()
        {
            while (await RescoreChunkAsync(tenant, chunkSize: 1))
            {
            }
        }
        await Task.WhenAll(Work(), Work());
        var job = await app.InDbAsync(tenant, db => db.LeadRescoreJobs.AsNoTracking().SingleAsync());
        var changes = await app.InDbAsync(tenant, db => db.LeadScoreChanges.AsNoTracking().Where(c => c.Version == 2).Select(c => c.LeadId).ToListAsync());

        job.Status.ShouldBe(RescoreJobStatus.Completed);
        job.Processed.ShouldBe(12);
        changes.Count.ShouldBe(12);
        changes.Distinct().Count().ShouldBe(12);
    }

    private async Task<bool> RescoreChunkAsync(Guid tenant, int chunkSize)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant, $"t-{tenant:N}");
        return await scope.ServiceProvider.GetRequiredService<LeadRescorer>().RunChunkAsync(chunkSize, CancellationToken.None);
    }

    [Fact]
    public async Task Scoring_against_a_version_or_a_proposals_draft_compiles_each_content_once()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await OpenAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 30));
        var request = new ScoreLeadsRequest(LeadOf("x", new { seniority = "VP" }, ("pricing_page_view", Monday)), AsOf: Monday.AddDays(1));
        var cache = app.Services.GetRequiredService<CompiledPlaybookCache>();

        var current = await app.SendAsync(tenant, Maria, new ScoreLeadsQuery(playbook, request));
        var v1 = await app.SendAsync(tenant, Maria, new ScoreLeadsQuery(playbook, request, Version: 1));
        var draft = await app.SendAsync(tenant, Maria, new ScoreLeadsQuery(playbook, request, ProposalId: proposal.Id));
        var compiled = cache.Count;
        for (var i = 0; i < 5; i++)
            await app.SendAsync(tenant, Maria, new ScoreLeadsQuery(playbook, request, ProposalId: proposal.Id));
        var missing = await Should.ThrowAsync<NotFoundException>(() => app.SendAsync(tenant, Maria, new ScoreLeadsQuery(playbook, request, Version: 9)));

        v1.Results[0].ShouldBeEquivalentTo(current.Results[0]);
        draft.Results[0].EngagementScore.ShouldBeGreaterThan(current.Results[0].EngagementScore);
        draft.PlaybookHash.ShouldNotBe(current.PlaybookHash);
        draft.Results[0].Explanation.ShouldContain(h => h.Kind == "engagement" && h.Fired);
        cache.Count.ShouldBe(compiled);
        missing.ShouldNotBeNull();
    }
}
