using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Features.Meetings;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Meetings;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Domain.Tenancy;
using static SalesAlign.Application.IntegrationTests.Users;

namespace SalesAlign.Application.IntegrationTests;

/// <summary>Meetings: the agenda, edits under If-Match, and decisions that go through the proposal workflow.</summary>
public abstract partial class WorkflowTests
{
    private async Task<(Guid Tenant, Guid Playbook)> TeamAsync()
    {
        var (tenant, playbook) = await PlaybookAsync();
        await app.InDbAsync(tenant, async db =>
        {
            foreach (var user in new[] { Maria, Chris, Sam })
                db.Memberships.Add(new Membership { UserId = user.UserId, Team = user.Team, Role = user.Role });
            return await db.SaveChangesAsync();
        });
        return (tenant, playbook);
    }

    private async Task<ProposalDto> InReviewAsync(Guid tenant, Guid playbook, int points, Domain.Proposals.Actor? author = null)
    {
        var proposal = await app.SendAsync(tenant, author ?? Chris, new CreateProposalCommand(playbook,
            new CreateProposalRequest($"Rule 0 to {points}", null, Documents.Sample.WithRulePoints(0, points).ToElement())));
        return await app.SendAsync(tenant, author ?? Chris, new SubmitProposalCommand(proposal.Id));
    }

    private Task<MeetingDto> PlanAsync(Guid tenant, Guid playbook, params string[] attendees) =>
        app.SendAsync(tenant, Maria, new CreateMeetingCommand(new CreateMeetingRequest(playbook, "Weekly alignment",
            new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero), attendees)));

    private Task<MeetingDto> DecideAsync(Guid tenant, Domain.Proposals.Actor by, MeetingDto meeting, int item, string decision, string? notes = null) =>
        app.SendAsync(tenant, by, new RecordDecisionCommand(meeting.Id, new RecordDecisionRequest(meeting.Agenda[item].Id, decision, notes)));

    private Task<List<string>> AuditActionsAsync(Guid tenant) =>
        app.InDbAsync(tenant, db => db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    [Fact]
    public async Task A_new_meeting_lists_the_proposals_in_review_or_approved_oldest_first_with_who_still_has_to_approve()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await TeamAsync();
        var inReview = await InReviewAsync(tenant, playbook, 30);
        await OpenAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 31), "still a draft");
        var approved = await ApprovedAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 32));
        var rejected = await InReviewAsync(tenant, playbook, 33);
        await ReviewAsync(tenant, Sam, rejected.Id, "reject");

        var meeting = await PlanAsync(tenant, playbook, "maria", "sam", "chris");
        var read = await app.SendAsync(tenant, Chris, new GetMeetingQuery(meeting.Id));
        var list = await app.SendAsync(tenant, Chris, new ListMeetingsQuery());

        meeting.Status.ShouldBe("planned");
        meeting.Revision.ShouldBe(1);
        meeting.Attendees.ShouldBe(["maria", "sam", "chris"]);
        read.Agenda.Select(i => i.Proposal!.Id).ShouldBe([inReview.Id, approved.Id]);
        read.Agenda.Select(i => i.Position).ShouldBe([0, 1]);
        read.Agenda.ShouldAllBe(i => i.Kind == "proposalReview" && i.Decision == null);
        read.Agenda[0].Proposal!.Status.ShouldBe("inReview");
        read.Agenda[0].Proposal!.MissingApprovals.Select(m => m.Team).ShouldBe(["marketing", "sales"], ignoreOrder: true);
        read.Agenda[1].Proposal!.Status.ShouldBe("approved");
        read.Agenda[1].Proposal!.MissingApprovals.ShouldBeEmpty();
        list.Items.ShouldHaveSingleItem().AgendaItems.ShouldBe(2);
        (await AuditActionsAsync(tenant)).Last().ShouldBe("meeting.created");
    }

    [Fact]
    public async Task Attendees_must_be_members_of_the_tenant()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await TeamAsync();

        var refused = await Should.ThrowAsync<ValidationException>(() => PlanAsync(tenant, playbook, "maria", "stranger"));
        var allowed = await PlanAsync(tenant, playbook, "maria");

        refused.Errors.ShouldHaveSingleItem().PropertyName.ShouldBe("/attendees/1");
        allowed.Attendees.ShouldBe(["maria"]);
    }

    [Fact]
    public async Task The_agenda_is_reordered_only_as_a_permutation_and_a_stale_revision_is_refused()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await TeamAsync();
        await InReviewAsync(tenant, playbook, 30);
        await InReviewAsync(tenant, playbook, 31);
        var meeting = await PlanAsync(tenant, playbook);
        var ids = meeting.Agenda.Select(i => i.Id).ToList();

        var reordered = await app.SendAsync(tenant, Chris, new UpdateMeetingCommand(meeting.Id, meeting.Revision,
            new UpdateMeetingRequest(Agenda: [ids[1], ids[0]], Minutes: "Pricing first.")));
        var notPermutation = await Should.ThrowAsync<ValidationException>(() => app.SendAsync(tenant, Chris,
            new UpdateMeetingCommand(meeting.Id, reordered.Revision, new UpdateMeetingRequest(Agenda: [ids[0], ids[0]]))));
        var stale = await Should.ThrowAsync<PreconditionFailedException>(() => app.SendAsync(tenant, Chris,
            new UpdateMeetingCommand(meeting.Id, meeting.Revision, new UpdateMeetingRequest(Title: "Late"))));
        var after = await app.SendAsync(tenant, Chris, new GetMeetingQuery(meeting.Id));

        reordered.Agenda.Select(i => i.Id).ShouldBe([ids[1], ids[0]]);
        reordered.Revision.ShouldBe(meeting.Revision + 1);
        notPermutation.Errors.ShouldHaveSingleItem().PropertyName.ShouldBe("/agenda");
        stale.CurrentRevision.ShouldBe(reordered.Revision);
        after.Title.ShouldBe("Weekly alignment");
        after.Minutes.ShouldBe("Pricing first.");
        after.Agenda.Select(i => i.Id).ShouldBe([ids[1], ids[0]]);
        (await AuditActionsAsync(tenant)).Count(a => a == "meeting.updated").ShouldBe(1);
    }

    [Fact]
    public async Task An_approval_in_the_meeting_is_the_approvers_review_and_completes_the_policy()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await TeamAsync();
        var proposal = await InReviewAsync(tenant, playbook, 30);
        await ReviewAsync(tenant, Maria, proposal.Id);
        var meeting = await PlanAsync(tenant, playbook, "maria", "sam", "chris");

        var decided = await DecideAsync(tenant, Sam, meeting, 0, "approve", "Agreed in the room.");
        var after = await app.SendAsync(tenant, Sam, new GetProposalQuery(proposal.Id));

        after.Status.ShouldBe("approved");
        after.Reviews.Select(r => (r.ReviewerId, r.Decision)).ShouldBe([("maria", "approve"), ("sam", "approve")]);
        after.Reviews[1].Comment.ShouldBe("Agreed in the room.");
        var item = decided.Agenda.ShouldHaveSingleItem();
        item.Decision.ShouldBe("approve");
        item.DecidedBy.ShouldBe("sam");
        item.Notes.ShouldBe("Agreed in the room.");
        item.Proposal!.Status.ShouldBe("approved");
        decided.Revision.ShouldBe(meeting.Revision + 1);
        (await AuditActionsAsync(tenant)).TakeLast(2).ShouldBe(["proposal.approved", "meeting.decision_recorded"]);
    }

    [Fact]
    public async Task The_author_cannot_approve_their_own_proposal_in_a_meeting_and_nothing_is_recorded()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await TeamAsync();
        var proposal = await InReviewAsync(tenant, playbook, 30, author: Maria);
        var meeting = await PlanAsync(tenant, playbook);
        var auditBefore = await AuditActionsAsync(tenant);

        var code = await RefusedAsync(() => DecideAsync(tenant, Maria, meeting, 0, "approve"));
        var unchanged = await app.SendAsync(tenant, Maria, new GetMeetingQuery(meeting.Id));
        var bySam = await DecideAsync(tenant, Sam, meeting, 0, "reject", "Not this quarter.");

        code.ShouldBe("proposal.self_review");
        unchanged.Revision.ShouldBe(meeting.Revision);
        unchanged.Agenda.ShouldHaveSingleItem().Decision.ShouldBeNull();
        unchanged.Agenda[0].Proposal!.Reviews.ShouldBeEmpty();
        bySam.Agenda[0].Decision.ShouldBe("reject");
        bySam.Agenda[0].Proposal!.Status.ShouldBe("rejected");
        (await AuditActionsAsync(tenant)).Skip(auditBefore.Count).ShouldBe(["proposal.rejected", "meeting.decision_recorded"]);
    }

    [Fact]
    public async Task Defer_only_records_and_openProposal_is_refused_on_a_proposal_item()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await TeamAsync();
        var proposal = await InReviewAsync(tenant, playbook, 30);
        var meeting = await PlanAsync(tenant, playbook);

        var wrongKind = await Should.ThrowAsync<ValidationException>(() => DecideAsync(tenant, Sam, meeting, 0, "openProposal"));
        var deferred = await DecideAsync(tenant, Sam, meeting, 0, "defer", "Need the impact numbers.");
        var after = await app.SendAsync(tenant, Sam, new GetProposalQuery(proposal.Id));

        wrongKind.Errors.ShouldHaveSingleItem().PropertyName.ShouldBe("/decision");
        deferred.Agenda[0].Decision.ShouldBe("defer");
        after.Status.ShouldBe("inReview");
        after.Revision.ShouldBe(proposal.Revision);
        after.Reviews.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_meeting_moves_forward_only_and_once_closed_refuses_edits_and_decisions()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await TeamAsync();
        await InReviewAsync(tenant, playbook, 30);
        var meeting = await PlanAsync(tenant, playbook);

        var skip = await RefusedAsync(() => app.SendAsync(tenant, Chris, new UpdateMeetingCommand(meeting.Id, meeting.Revision, new UpdateMeetingRequest(Status: "closed"))));
        var started = await app.SendAsync(tenant, Chris, new UpdateMeetingCommand(meeting.Id, meeting.Revision, new UpdateMeetingRequest(Status: "inProgress")));
        var closed = await app.SendAsync(tenant, Chris, new UpdateMeetingCommand(meeting.Id, started.Revision, new UpdateMeetingRequest(Status: "closed", Minutes: "Done.")));
        var edit = await RefusedAsync(() => app.SendAsync(tenant, Chris, new UpdateMeetingCommand(meeting.Id, closed.Revision, new UpdateMeetingRequest(Title: "Again"))));
        var decide = await RefusedAsync(() => DecideAsync(tenant, Sam, closed, 0, "defer"));

        skip.ShouldBe("meeting.invalid_transition");
        started.Status.ShouldBe("inProgress");
        closed.Status.ShouldBe("closed");
        edit.ShouldBe("meeting.closed");
        decide.ShouldBe("meeting.closed");
        (await app.SendAsync(tenant, Chris, new GetMeetingQuery(meeting.Id))).Revision.ShouldBe(closed.Revision);
        (await AuditActionsAsync(tenant)).Count(a => a == "meeting.updated").ShouldBe(2);
    }
}
