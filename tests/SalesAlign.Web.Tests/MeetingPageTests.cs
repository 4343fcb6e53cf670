using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SalesAlign.Application.Features.Analytics;
using SalesAlign.Application.Features.Meetings;
using SalesAlign.Application.Features.Members;
using SalesAlign.Application.Features.Tenancy;
using SalesAlign.Contracts.Analytics;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Meetings;
using SalesAlign.Contracts.Tenancy;
using SalesAlign.Web.Pages;
using SalesAlign.Web.Services;

namespace SalesAlign.Web.Tests;

/// <summary>Meeting mode against a scripted sender and live session: progress from impactProgress events, decisions and refusals.</summary>
public sealed class MeetingPageTests : WebTestContext
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Guid MeetingId = Guid.NewGuid();
    private static readonly Guid ProposalId = Guid.NewGuid();
    private static readonly Guid ItemId = Guid.NewGuid();

    private readonly FakeSender _sender;
    private readonly FakeLive _live;

    public MeetingPageTests()
        : this(new FakeSender(), new FakeLive())
    {
    }

    private MeetingPageTests(FakeSender sender, FakeLive live)
        : base(services => services.AddSingleton<ITenantSender>(sender).AddSingleton<ILiveSession>(live).AddScoped<UserSession>())
    {
        _sender = sender;
        _live = live;
        Render<MudPopoverProvider>();
    }

    private async Task<IRenderedComponent<MeetingPage>> OpenAsync(string role)
    {
        _sender.Role = role;
        await Services.GetRequiredService<UserSession>().LoadAsync();
        return Render<MeetingPage>(p => p.Add(m => m.Tenant, "acme").Add(m => m.MeetingId, MeetingId));
    }

    [Fact]
    public async Task Progress_follows_impactProgress_events_until_the_report_is_ready()
    {
        _sender.Impact = new ProposalImpactDto("computing", 0, 400_000, null);
        var cut = await OpenAsync("Approver");
        cut.WaitForAssertion(() => cut.Find("[data-testid=impact-progress-text]").TextContent.ShouldContain("0 done"));

        _live.Raise(Progress("computing", 100_000));
        cut.WaitForAssertion(() => cut.Find("[data-testid=impact-progress-text]").TextContent.ShouldContain("100,000 done (25 %)"));

        _sender.Impact = new ProposalImpactDto("ready", 400_000, 400_000, Report());
        _live.Raise(Progress("ready", 400_000));
        cut.WaitForAssertion(() => cut.Find("[data-testid=impact-summary]").TextContent.ShouldContain("1,500"));
        cut.Find("[data-testid=impact-history]").TextContent.ShouldContain("Newly MQL");
    }

    [Fact]
    public async Task An_approver_records_a_decision_with_notes()
    {
        var approver = await OpenAsync("Approver");
        approver.WaitForAssertion(() => approver.Find("[data-testid=record-decision]"));

        Choose(approver, "Defer to a later meeting");
        await approver.InvokeAsync(() => approver.Find("textarea[data-testid=decision-notes]").Change("Next week, with more data."));
        await Submit(approver);

        approver.WaitForAssertion(() => approver.Find("[data-testid=item-decision]").TextContent.ShouldContain("deferred"));
        _sender.Decisions.ShouldBe([("meetings.decide", "defer", "Next week, with more data.")]);
    }

    [Fact]
    public async Task A_viewer_follows_the_meeting_and_is_told_why_there_is_no_decision_form()
    {
        var viewer = await OpenAsync("Viewer");
        viewer.WaitForAssertion(() => viewer.Find("[data-testid=read-only-note]").TextContent.ShouldContain("needs the Approver role"));
        viewer.FindAll("[data-testid=record-decision]").ShouldBeEmpty();
        viewer.Find("[data-testid=impact]").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_refused_decision_is_explained_next_to_the_item()
    {
        _sender.RefuseDecisionWith = new UiProblemException(403, "permission_denied", "Not allowed.", "The role Viewer lacks meetings.decide.");
        var cut = await OpenAsync("Approver");   // the UI believed the role could; the sender's check is the one that counts
        cut.WaitForAssertion(() => cut.Find("[data-testid=record-decision]"));

        Choose(cut, "Approve");
        await Submit(cut);

        cut.WaitForAssertion(() => cut.Find("[data-testid=decision-problem]").TextContent.ShouldContain("Recording a decision needs the Approver role"));
    }

    // Find and trigger on the renderer's dispatcher, so a re-render in between cannot leave a stale handler id.
    private static void Choose(IRenderedComponent<MeetingPage> cut, string decision) =>
        cut.InvokeAsync(() => cut.FindAll("label.mud-radio").First(l => l.TextContent.Trim() == decision).QuerySelector("input")!.Click()).GetAwaiter().GetResult();

    private static Task Submit(IRenderedComponent<MeetingPage> cut) => cut.InvokeAsync(() => cut.Find("form.decision-form").Submit());

    private static LiveEventDto Progress(string status, int processed) => new(LiveEventTypes.ImpactProgress, "acme", 7, DateTimeOffset.UtcNow, "u-maria",
        ProposalId.ToString(), 3, JsonSerializer.SerializeToElement(new ImpactProgressData(ProposalId, 3, status, processed, 400_000), Json));

    private static ImpactReportDto Report()
    {
        static RatioDto R(int cohort, int converted) => new(cohort, converted, cohort == 0 ? null : Math.Round((decimal)converted / cohort, 4));
        return new ImpactReportDto(1, 3, 1, DateTimeOffset.UtcNow, 400_000, 0, 1_400, 1_500, 180, 130, 30, 15, 5,
            [new ImpactMonthDto("2026-10", 200_000, 700, 760), new ImpactMonthDto("2026-11", 200_000, 700, 740)],
            new ConversionHistoryDto(130, R(130, 52), R(130, 20), R(130, 7)), new ConversionHistoryDto(30, R(30, 3), R(30, 1), R(30, 0)), [], 900);
    }

    private static MeetingDto Meeting(string? decision = null, string? notes = null) => new(MeetingId, Guid.NewGuid(), "Weekly alignment", DateTimeOffset.UtcNow, [], null,
        "inProgress", 2, "u-maria", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
        [new AgendaItemDto(ItemId, "proposalReview", 0, new AgendaProposalDto(ProposalId, "Count pricing interest more", "inReview", 3, "u-chris", false, [],
            [new SalesAlign.Contracts.Proposals.MissingApprovalDto("sales", 1, 0, "needs a Sales approver")]), null, decision, notes,
            decision is null ? null : "u-maria", decision is null ? null : DateTimeOffset.UtcNow)]);

    private sealed class FakeSender : ITenantSender
    {
        public string Role { get; set; } = "Approver";
        public ProposalImpactDto Impact { get; set; } = new("computing", 0, 1, null);
        public UiProblemException? RefuseDecisionWith { get; set; }
        public List<(string Permission, string Decision, string? Notes)> Decisions { get; } = [];

        public Task<T> QueryAsync<T>(IQuery<T> query, CancellationToken cancellationToken = default) => query switch
        {
            GetMeQuery => Result<T>(new MeResponse(new UserDto("u-maria", "maria@acme.example", "Maria"), [new MembershipDto("acme", "Acme", "marketing", Role, false)], [])),
            _ => throw new NotSupportedException(query.GetType().Name),
        };

        public Task<T> QueryAsync<T>(string tenant, IQuery<T> query, CancellationToken cancellationToken = default) => query switch
        {
            GetMeetingQuery => Result<T>(Meeting()),
            ListMembersQuery => Result<T>((IReadOnlyList<MemberDto>)[new MemberDto("u-chris", "chris@acme.example", "Chris", "marketing", "contributor", false)]),
            GetProposalImpactQuery => Result<T>(Impact),
            _ => throw new NotSupportedException(query.GetType().Name),
        };

        public Task<T> CommandAsync<T>(string tenant, ICommand<T> command, CancellationToken cancellationToken = default)
        {
            if (command is not RecordDecisionCommand decide)
                throw new NotSupportedException(command.GetType().Name);
            if (RefuseDecisionWith is { } refusal)
                throw refusal;
            Decisions.Add((SalesAlign.Application.Common.Security.RequestPolicy.PermissionOf<RecordDecisionCommand>() ?? "", decide.Request.Decision, decide.Request.Notes));
            return Result<T>(Meeting(decide.Request.Decision, decide.Request.Notes));
        }

        private static Task<T> Result<T>(object value) => Task.FromResult((T)value);
    }

    private sealed class FakeLive : ILiveSession
    {
        public event Action<LiveEventDto>? EventReceived;

        public bool IsConnected => true;

        public void Raise(LiveEventDto e) => EventReceived?.Invoke(e);

        public Task JoinTenantAsync(string tenant, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task JoinProposalAsync(Guid proposalId, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task LeaveProposalAsync(Guid proposalId, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task SetPresenceAsync(Guid proposalId, string mode, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
