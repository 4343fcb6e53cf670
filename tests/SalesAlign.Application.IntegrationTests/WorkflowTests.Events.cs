using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Features.Comments;
using SalesAlign.Application.Features.Live;
using SalesAlign.Application.Features.Meetings;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Meetings;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Domain.Live;
using SalesAlign.Infrastructure.Outbox;
using static SalesAlign.Application.IntegrationTests.Users;

namespace SalesAlign.Application.IntegrationTests;

public abstract partial class WorkflowTests
{
    private Task<List<OutboxEvent>> EventsAsync(Guid tenant) =>
        app.InDbAsync(tenant, db => db.OutboxEvents.AsNoTracking().OrderBy(e => e.Seq).ToListAsync());

    [Fact]
    public async Task Each_command_writes_its_events_in_the_same_save_with_consecutive_seq()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();

        var proposal = await OpenAsync(tenant, playbook);
        var updated = await app.SendAsync(tenant, Chris, new UpdateProposalCommand(proposal.Id, proposal.Revision,
            new UpdateProposalRequest(Document: Documents.Sample.WithRulePoints(0, 42).ToElement())));
        await app.SendAsync(tenant, Sam, new AddCommentCommand(proposal.Id, new CreateCommentRequest("Too generous?", "/icp/criteria/0/points")));
        await app.SendAsync(tenant, Chris, new SubmitProposalCommand(proposal.Id));
        await ReviewAsync(tenant, Maria, proposal.Id);
        var approved = await ReviewAsync(tenant, Sam, proposal.Id);
        var published = await PublishAsync(tenant, proposal.Id);
        var meeting = await app.SendAsync(tenant, Maria, new CreateMeetingCommand(new CreateMeetingRequest(playbook, "Weekly alignment",
            new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero))));
        var events = await EventsAsync(tenant);

        events.Select(e => e.Type).ShouldBe([
            LiveEventTypes.ProposalCreated, LiveEventTypes.ProposalUpdated, LiveEventTypes.CommentAdded,
            LiveEventTypes.ProposalStatusChanged, LiveEventTypes.ReviewSubmitted, LiveEventTypes.ReviewSubmitted,
            LiveEventTypes.ProposalStatusChanged, LiveEventTypes.ProposalStatusChanged, LiveEventTypes.PlaybookPublished,
            LiveEventTypes.MeetingUpdated]);
        events.Select(e => e.Seq).ShouldBe(Enumerable.Range(1, events.Count).Select(i => (long)i));
        events.ShouldAllBe(e => e.TenantId == tenant && e.DispatchedAt == null);
        events[0].ObjectId.ShouldBe(proposal.Id.ToString());
        events[0].ActorId.ShouldBe("chris");
        events[1].Revision.ShouldBe(updated.Proposal.Revision);
        events[1].DataJson!.ShouldContain("/scoring/rules/0/points");
        events[1].DataJson!.ShouldContain("changedPaths");
        events[2].DataJson!.ShouldContain("\"path\":\"/icp/criteria/0/points\"");
        events[3].DataJson.ShouldBe("""{"from":"draft","to":"inReview"}""");
        events[5].DataJson!.ShouldContain("\"decision\":\"approve\"");
        events[5].DataJson!.ShouldContain("\"reviewerId\":\"sam\"");
        events[6].DataJson.ShouldBe("""{"from":"inReview","to":"approved"}""");
        events[6].Revision.ShouldBe(approved.Revision);
        events[7].DataJson.ShouldBe("""{"from":"approved","to":"published"}""");
        events[8].ObjectId.ShouldBe(playbook.ToString());
        events[8].DataJson!.ShouldContain($"\"version\":{published.Version.Number}");
        events[9].ObjectId.ShouldBe(meeting.Id.ToString());
        events[9].Revision.ShouldBe(meeting.Revision);
    }

    [Fact]
    public async Task A_refused_command_writes_no_event_and_leaves_no_gap()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await OpenAsync(tenant, playbook);
        await app.SendAsync(tenant, Chris, new UpdateProposalCommand(proposal.Id, proposal.Revision, new UpdateProposalRequest(Title: "First")));

        await Should.ThrowAsync<PreconditionFailedException>(() => app.SendAsync(tenant, Chris,
            new UpdateProposalCommand(proposal.Id, proposal.Revision, new UpdateProposalRequest(Title: "Stale"))));
        await app.SendAsync(tenant, Chris, new AddCommentCommand(proposal.Id, new CreateCommentRequest("After the refusal.")));
        var events = await EventsAsync(tenant);

        events.Select(e => (e.Seq, e.Type)).ShouldBe([
            (1, LiveEventTypes.ProposalCreated), (2, LiveEventTypes.ProposalUpdated), (3, LiveEventTypes.CommentAdded)]);
    }

    [Fact]
    public async Task Twenty_concurrent_commands_in_one_tenant_get_seq_without_gaps_or_duplicates()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await OpenAsync(tenant, playbook);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => app.SendAsync(tenant, i % 2 == 0 ? Sam : Maria,
            new AddCommentCommand(proposal.Id, new CreateCommentRequest($"Comment {i}")))));
        var seqs = (await EventsAsync(tenant)).Select(e => e.Seq).ToList();

        seqs.ShouldBe(Enumerable.Range(1, 21).Select(i => (long)i));
    }

    [Fact]
    public async Task Two_tenants_count_their_events_independently()
    {
        if (Unavailable()) return;
        var (acme, acmePlaybook) = await PlaybookAsync();
        var (globex, globexPlaybook) = await PlaybookAsync();

        await OpenAsync(acme, acmePlaybook);
        await OpenAsync(acme, acmePlaybook);
        await OpenAsync(globex, globexPlaybook);

        (await EventsAsync(acme)).Select(e => e.Seq).ShouldBe([1L, 2L]);
        (await EventsAsync(globex)).Select(e => e.Seq).ShouldBe([1L]);
    }

    [Fact]
    public async Task The_events_query_returns_what_happened_after_a_seq_in_pages()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        for (var i = 0; i < 5; i++)
            await OpenAsync(tenant, playbook, title: $"Proposal {i}");

        var all = await app.SendAsync(tenant, Chris, new ListEventsQuery());
        var page = await app.SendAsync(tenant, Chris, new ListEventsQuery(After: 1, Limit: 2));
        var rest = await app.SendAsync(tenant, Chris, new ListEventsQuery(After: long.Parse(page.NextCursor!, System.Globalization.CultureInfo.InvariantCulture), Limit: 500));

        all.Items.Select(e => e.Seq).ShouldBe([1L, 2L, 3L, 4L, 5L]);
        all.NextCursor.ShouldBeNull();
        all.Items.ShouldAllBe(e => e.Tenant == $"t-{tenant:N}" && e.Type == LiveEventTypes.ProposalCreated);
        page.Items.Select(e => e.Seq).ShouldBe([2L, 3L]);
        page.NextCursor.ShouldBe("3");
        rest.Items.Select(e => e.Seq).ShouldBe([4L, 5L]);
        rest.NextCursor.ShouldBeNull();
    }

    private OutboxDispatcher Dispatcher(string instance, params ILiveEventTarget[] targets) =>
        new(app.Services.GetRequiredService<IServiceScopeFactory>(), targets, TimeProvider.System,
            Options.Create(new OutboxOptions { InstanceId = instance }), new OutputLogger(output));

    [Fact]
    public async Task The_dispatcher_delivers_in_order_marks_dispatched_and_redelivers_after_a_failure()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await OpenAsync(tenant, playbook);
        await app.SendAsync(tenant, Sam, new AddCommentCommand(proposal.Id, new CreateCommentRequest("One")));
        var target = new RecordingTarget($"t-{tenant:N}") { FailuresLeft = 1 };
        var dispatcher = Dispatcher("one", target);

        var failed = await dispatcher.DispatchOnceAsync(CancellationToken.None);
        var afterFailure = await EventsAsync(tenant);
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        await app.SendAsync(tenant, Sam, new AddCommentCommand(proposal.Id, new CreateCommentRequest("Two")));
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        var events = await EventsAsync(tenant);

        failed.ShouldBe(-1);
        afterFailure.ShouldAllBe(e => e.DispatchedAt == null && e.ClaimedUntil == null);
        target.Delivered.Select(e => e.Seq).ShouldBe([1L, 2L, 3L]);
        target.Delivered.Select(e => e.Type).ShouldBe([LiveEventTypes.ProposalCreated, LiveEventTypes.CommentAdded, LiveEventTypes.CommentAdded]);
        events.ShouldAllBe(e => e.DispatchedAt != null);
    }

    [Fact]
    public async Task Two_dispatcher_instances_on_one_database_never_deliver_an_event_twice()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await OpenAsync(tenant, playbook);
        var target = new RecordingTarget($"t-{tenant:N}");
        var (a, b) = (Dispatcher("a", target), Dispatcher("b", target));
        using var stop = new CancellationTokenSource();

        async Task RunAsync(OutboxDispatcher dispatcher)
        {
            // A short poll, as the hosted loop does: a spinning dispatcher would starve SQLite's single writer.
            while (!stop.IsCancellationRequested)
            {
                await dispatcher.DispatchOnceAsync(CancellationToken.None);
                await Task.Delay(20, CancellationToken.None);
            }
        }
        var running = new[] { RunAsync(a), RunAsync(b) };
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => app.SendAsync(tenant, i % 2 == 0 ? Sam : Maria,
            new AddCommentCommand(proposal.Id, new CreateCommentRequest($"Comment {i}")))));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (target.Delivered.Count < 31 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        await stop.CancelAsync();
        await Task.WhenAll(running);
        await a.DispatchOnceAsync(CancellationToken.None);
        await b.DispatchOnceAsync(CancellationToken.None);

        // Once each, and in seq order across both instances.
        target.Delivered.Select(e => e.Seq).ShouldBe(Enumerable.Range(1, 31).Select(i => (long)i));
        (await EventsAsync(tenant)).ShouldAllBe(e => e.DispatchedAt != null);
    }

    /// <summary>Dispatch failures are swallowed and logged by design; the test output shows them.</summary>
    private sealed class OutputLogger(Xunit.Abstractions.ITestOutputHelper output) : ILogger<OutboxDispatcher>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            output.WriteLine($"{logLevel}: {formatter(state, exception)} {exception}");
    }

    /// <summary>Records one tenant's deliveries (the fixture's database holds other tests' tenants too).</summary>
    private sealed class RecordingTarget(string tenant) : ILiveEventTarget
    {
        private readonly ConcurrentQueue<LiveEventDto> _delivered = new();

        public int FailuresLeft { get; set; }

        public IReadOnlyList<LiveEventDto> Delivered => [.. _delivered];

        public Task DeliverAsync(Guid tenantId, IReadOnlyList<LiveEventDto> events, CancellationToken ct)
        {
            var mine = events.Where(e => e.Tenant == tenant).ToList();
            if (mine.Count == 0)
                return Task.CompletedTask;
            // A batch is one tenant's, and the id handed with it is that tenant's.
            mine.Count.ShouldBe(events.Count);
            $"t-{tenantId:N}".ShouldBe(tenant);
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new InvalidOperationException("Target down.");
            }
            foreach (var e in mine)
                _delivered.Enqueue(e);
            return Task.CompletedTask;
        }
    }
}
