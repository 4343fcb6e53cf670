using SalesAlign.Domain.Meetings;
using SalesAlign.Domain.Proposals;

namespace SalesAlign.Domain.Tests.Meetings;

public sealed class MeetingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Meeting WithItems(int count)
    {
        var meeting = new Meeting { Id = Guid.NewGuid(), Title = "Weekly", CreatedBy = "maria" };
        for (var i = 0; i < count; i++)
            meeting.AddProposalItem(Guid.NewGuid());
        return meeting;
    }

    [Fact]
    public void A_reorder_is_a_permutation_of_the_items_and_one_edit_is_one_revision()
    {
        var meeting = WithItems(3);
        var ids = meeting.Agenda.Select(i => i.Id).ToList();

        meeting.Revise("Renamed", null, ["maria"], "Notes.", [ids[2], ids[0], ids[1]], MeetingStatus.InProgress, Now);

        meeting.IsAgendaPermutation([ids[0], ids[1]]).ShouldBeFalse();
        meeting.IsAgendaPermutation([ids[0], ids[0], ids[1]]).ShouldBeFalse();
        meeting.IsAgendaPermutation([ids[0], ids[1], Guid.NewGuid()]).ShouldBeFalse();
        meeting.Agenda.OrderBy(i => i.Position).Select(i => i.Id).ShouldBe([ids[2], ids[0], ids[1]]);
        meeting.Revision.ShouldBe(2);
        meeting.Status.ShouldBe(MeetingStatus.InProgress);
        Should.Throw<ArgumentException>(() => meeting.Revise(null, null, null, null, [ids[0]], null, Now));
    }

    [Fact]
    public void Status_moves_forward_one_step_and_a_closed_meeting_is_read_only()
    {
        var meeting = WithItems(1);

        var skip = Should.Throw<WorkflowException>(() => meeting.Revise(null, null, null, null, null, MeetingStatus.Closed, Now));
        meeting.Revise(null, null, null, null, null, MeetingStatus.InProgress, Now);
        var back = Should.Throw<WorkflowException>(() => meeting.Revise(null, null, null, null, null, MeetingStatus.Planned, Now));
        meeting.Revise(null, null, null, null, null, MeetingStatus.Closed, Now);
        var edit = Should.Throw<WorkflowException>(() => meeting.Revise("Again", null, null, null, null, null, Now));
        var decide = Should.Throw<WorkflowException>(() => meeting.Decide(meeting.Agenda[0].Id, MeetingDecision.Defer, null, "sam", Now));

        skip.Code.ShouldBe("meeting.invalid_transition");
        back.Code.ShouldBe("meeting.invalid_transition");
        edit.Code.ShouldBe("meeting.closed");
        decide.Code.ShouldBe("meeting.closed");
    }

    [Fact]
    public void Each_kind_takes_its_decisions_and_only_a_deferred_item_is_decided_again()
    {
        var meeting = WithItems(1);
        var item = meeting.Agenda[0];
        var other = WithItems(1);
        var dispute = new MeetingAgendaItem { Id = Guid.NewGuid(), Kind = AgendaItemKind.DisputedMqls, RejectionReasonKey = "no-budget" };

        meeting.Decide(item.Id, MeetingDecision.Defer, "Later.", "sam", Now);
        meeting.Decide(item.Id, MeetingDecision.Approve, null, "sam", Now);
        var again = Should.Throw<WorkflowException>(() => meeting.Decide(item.Id, MeetingDecision.Reject, null, "sam", Now));
        var openOnProposal = Should.Throw<WorkflowException>(() => other.Decide(other.Agenda[0].Id, MeetingDecision.OpenProposal, null, "sam", Now));

        item.Decision.ShouldBe(MeetingDecision.Approve);
        again.Code.ShouldBe("meeting.item_decided");
        openOnProposal.Code.ShouldBe("meeting.decision_not_applicable");
        dispute.Accepts(MeetingDecision.OpenProposal).ShouldBeTrue();
        dispute.Accepts(MeetingDecision.Defer).ShouldBeTrue();
        dispute.Accepts(MeetingDecision.Approve).ShouldBeFalse();
        dispute.Accepts(MeetingDecision.Reject).ShouldBeFalse();
    }
}
