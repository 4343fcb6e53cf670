using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Tests.Proposals;

public sealed class ProposalWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Maria = new("maria", MemberTeam.Marketing, MemberRole.Approver);
    private static readonly Actor Chris = new("chris", MemberTeam.Marketing, MemberRole.Contributor);
    private static readonly Actor Sam = new("sam", MemberTeam.Sales, MemberRole.Approver);
    private static readonly Actor Sid = new("sid", MemberTeam.Sales, MemberRole.Approver);
    private static readonly Actor Mo = new("mo", MemberTeam.Marketing, MemberRole.Approver);
    private static readonly Actor Alex = new("alex", MemberTeam.Agency, MemberRole.Admin);
    private static readonly string[] ScoringChange = ["/scoring/rules/0/points"];

    private static Proposal InReview(string author = "chris")
    {
        var proposal = new Proposal { Id = Guid.NewGuid(), Title = "Raise pricing points", DraftJson = "{}", AuthorId = author, BaseVersionNumber = 1 };
        proposal.Submit(author == "chris" ? Chris : Maria, Now);
        return proposal;
    }

    private static WorkflowException Refused(Action action) => Should.Throw<WorkflowException>(action);

    [Fact]
    public void One_marketing_and_one_sales_approval_make_a_proposal_approved()
    {
        var proposal = InReview();

        proposal.Review(Maria, ReviewDecision.Approve, null, null, ScoringChange, Now);
        var afterOne = proposal.Status;
        proposal.Review(Sam, ReviewDecision.Approve, null, null, ScoringChange, Now);

        afterOne.ShouldBe(ProposalStatus.InReview);
        proposal.Status.ShouldBe(ProposalStatus.Approved);
    }

    [Fact]
    public void The_author_never_reviews_their_own_proposal()
    {
        var proposal = InReview(author: "maria");

        var refused = Refused(() => proposal.Review(Maria, ReviewDecision.Approve, null, null, ScoringChange, Now));

        refused.Code.ShouldBe("proposal.self_review");
        refused.Failure.ShouldBe(WorkflowFailure.Forbidden);
        proposal.Review(Sam, ReviewDecision.Approve, null, null, ScoringChange, Now);
        proposal.Reviews.ShouldHaveSingleItem().ReviewerId.ShouldBe("sam");
    }

    [Fact]
    public void A_marketing_lead_who_proposes_signs_off_for_marketing_so_the_sales_lead_decides()
    {
        var proposal = InReview(author: "maria");
        var signOff = ApprovalPolicy.AuthorSignOff(Maria.Team, Maria.Role);

        proposal.Review(Sam, ReviewDecision.Approve, null, null, ScoringChange, Now, signOff);

        signOff.ShouldBe(MemberTeam.Marketing);
        proposal.Status.ShouldBe(ProposalStatus.Approved);
    }

    [Fact]
    public void A_contributor_or_agency_author_signs_off_for_nobody()
    {
        ApprovalPolicy.AuthorSignOff(Chris.Team, Chris.Role).ShouldBeNull();
        ApprovalPolicy.AuthorSignOff(Alex.Team, Alex.Role).ShouldBeNull();
        var proposal = InReview(author: "chris");

        proposal.Review(Sam, ReviewDecision.Approve, null, null, ScoringChange, Now, ApprovalPolicy.AuthorSignOff(Chris.Team, Chris.Role));

        proposal.Status.ShouldBe(ProposalStatus.InReview);
    }

    [Fact]
    public void Two_approvals_from_one_team_do_not_stand_in_for_the_other_team()
    {
        var proposal = InReview();

        proposal.Review(Maria, ReviewDecision.Approve, null, null, ScoringChange, Now);
        proposal.Review(Mo, ReviewDecision.Approve, null, null, ScoringChange, Now);

        proposal.Status.ShouldBe(ProposalStatus.InReview);
        ApprovalPolicy.Evaluate(null, proposal.Reviews, ScoringChange).Missing.ShouldHaveSingleItem().Team.ShouldBe(MemberTeam.Sales);
    }

    [Fact]
    public void An_agency_approval_counts_for_neither_team()
    {
        var proposal = InReview();

        proposal.Review(Alex, ReviewDecision.Approve, null, null, ScoringChange, Now);
        proposal.Review(Sam, ReviewDecision.Approve, null, null, ScoringChange, Now);

        proposal.Status.ShouldBe(ProposalStatus.InReview);
    }

    [Fact]
    public void A_replayed_approval_is_refused_and_counted_once()
    {
        var proposal = InReview();
        proposal.Review(Maria, ReviewDecision.Approve, null, null, ScoringChange, Now);

        var refused = Refused(() => proposal.Review(Maria, ReviewDecision.Approve, null, null, ScoringChange, Now));

        refused.Code.ShouldBe("proposal.already_approved");
        proposal.Reviews.Count.ShouldBe(1);
    }

    [Fact]
    public void An_edit_dismisses_earlier_approvals_and_sends_an_approved_proposal_back_to_review()
    {
        var proposal = InReview();
        proposal.Review(Maria, ReviewDecision.Approve, null, null, ScoringChange, Now);
        proposal.Review(Sam, ReviewDecision.Approve, null, null, ScoringChange, Now);

        proposal.Edit(null, null, "{\"changed\":true}", Now);

        proposal.Status.ShouldBe(ProposalStatus.InReview);
        proposal.Reviews.ShouldAllBe(r => r.Dismissed);
        ApprovalPolicy.Evaluate(null, proposal.Reviews, ScoringChange).Satisfied.ShouldBeFalse();
        proposal.Review(Maria, ReviewDecision.Approve, null, null, ScoringChange, Now);
        proposal.Reviews.Count(r => r.IsActiveApproval).ShouldBe(1);
    }

    [Fact]
    public void Editing_only_the_title_keeps_approvals()
    {
        var proposal = InReview();
        proposal.Review(Maria, ReviewDecision.Approve, null, null, ScoringChange, Now);

        proposal.Edit("Better title", null, proposal.DraftJson, Now);

        proposal.Reviews.ShouldHaveSingleItem().Dismissed.ShouldBeFalse();
    }

    [Fact]
    public void Every_change_increments_the_revision()
    {
        var proposal = new Proposal { Id = Guid.NewGuid(), Title = "t", DraftJson = "{}", AuthorId = "chris" };
        var start = proposal.Revision;

        proposal.Edit("t2", null, null, Now);
        proposal.Submit(Chris, Now);
        proposal.Review(Maria, ReviewDecision.RequestChanges, "why?", null, ScoringChange, Now);

        proposal.Revision.ShouldBe(start + 3);
    }

    [Fact]
    public void Section_owners_require_extra_approvals_for_changes_under_their_path()
    {
        var policy = new ApprovalSection { SectionOwners = [new SectionOwnerRule { Path = "/sql", Team = Team.Sales, Approvals = 2 }] };
        var proposal = InReview();
        string[] sqlChange = ["/sql/checklist/0/condition"];

        proposal.Review(Maria, ReviewDecision.Approve, null, policy, sqlChange, Now);
        proposal.Review(Sam, ReviewDecision.Approve, null, policy, sqlChange, Now);
        var afterTwo = proposal.Status;
        proposal.Review(Sid, ReviewDecision.Approve, null, policy, sqlChange, Now);

        afterTwo.ShouldBe(ProposalStatus.InReview);
        proposal.Status.ShouldBe(ProposalStatus.Approved);
        ApprovalPolicy.Evaluate(policy, [], ScoringChange).Missing.Sum(m => m.Required).ShouldBe(2);
    }

    [Fact]
    public void Requesting_changes_then_resubmitting_goes_back_to_review()
    {
        var proposal = InReview();

        proposal.Review(Sam, ReviewDecision.RequestChanges, "budget rule too loose", null, ScoringChange, Now);
        var requested = proposal.Status;
        proposal.Submit(Chris, Now);

        requested.ShouldBe(ProposalStatus.ChangesRequested);
        proposal.Status.ShouldBe(ProposalStatus.InReview);
    }

    [Fact]
    public void A_rejected_or_withdrawn_proposal_is_closed()
    {
        var rejected = InReview();
        var withdrawn = InReview();

        rejected.Review(Sam, ReviewDecision.Reject, "not now", null, ScoringChange, Now);
        withdrawn.Withdraw(Chris, Now);

        Refused(() => rejected.Edit(null, null, "{}x", Now)).Code.ShouldBe("proposal.invalid_transition");
        Refused(() => withdrawn.Submit(Chris, Now)).Code.ShouldBe("proposal.invalid_transition");
        rejected.IsOpen.ShouldBeFalse();
    }

    [Fact]
    public void Only_the_author_or_an_admin_withdraws()
    {
        var proposal = InReview();

        Refused(() => proposal.Withdraw(Sam, Now)).Code.ShouldBe("proposal.not_author");
        proposal.Withdraw(Alex, Now);

        proposal.Status.ShouldBe(ProposalStatus.Withdrawn);
    }

    [Fact]
    public void Publishing_needs_approval_and_a_current_base()
    {
        var approved = InReview();
        approved.Review(Maria, ReviewDecision.Approve, null, null, ScoringChange, Now);
        approved.Review(Sam, ReviewDecision.Approve, null, null, ScoringChange, Now);
        var unapproved = InReview();

        approved.EnsurePublishable(Chris, currentVersionNumber: 1, null);
        Refused(() => approved.EnsurePublishable(Chris, currentVersionNumber: 2, null)).Code.ShouldBe("proposal.stale");
        Refused(() => unapproved.EnsurePublishable(Chris, 1, null)).Code.ShouldBe("proposal.not_approved");
    }

    [Fact]
    public void An_admin_may_publish_without_approvals_only_with_a_justification()
    {
        var proposal = InReview();

        Refused(() => proposal.EnsurePublishable(Maria, 1, "urgent fix for the launch")).Code.ShouldBe("proposal.override_not_allowed");
        Refused(() => proposal.EnsurePublishable(Alex, 1, "  ")).Code.ShouldBe("proposal.justification_required");
        proposal.EnsurePublishable(Alex, 1, "Launch tomorrow; both leads agreed by phone.");
    }

    [Fact]
    public void Rebasing_moves_the_base_and_dismisses_approvals()
    {
        var proposal = InReview();
        proposal.Review(Maria, ReviewDecision.Approve, null, null, ScoringChange, Now);

        proposal.Rebase(3, "{\"merged\":true}", Now);

        proposal.BaseVersionNumber.ShouldBe(3);
        proposal.IsStale(3).ShouldBeFalse();
        proposal.Reviews.ShouldAllBe(r => r.Dismissed);
    }
}
