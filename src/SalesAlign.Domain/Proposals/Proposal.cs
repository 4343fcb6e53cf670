using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Proposals;

public enum ProposalStatus { Draft, InReview, ChangesRequested, Approved, Published, Withdrawn, Rejected }

public enum ReviewDecision { Approve, RequestChanges, Reject }

/// <summary>
/// A suggested change to a playbook, like a pull request. Every rule of the workflow lives in this class:
/// the status machine, who may review, and that an edit dismisses earlier approvals.
/// </summary>
public sealed class Proposal : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; }

    public Guid PlaybookId { get; init; }

    public required string Title { get; set; }

    public string? Rationale { get; set; }

    /// <summary>The published version this draft started from (or was last rebased onto).</summary>
    public int BaseVersionNumber { get; set; }

    public required string DraftJson { get; set; }

    /// <summary>Increments on every change; the optimistic-concurrency token sent as the ETag.</summary>
    public int Revision { get; private set; } = 1;

    public ProposalStatus Status { get; private set; } = ProposalStatus.Draft;

    public required string AuthorId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int? PublishedVersionNumber { get; private set; }

    public List<ProposalReview> Reviews { get; init; } = [];

    public bool IsOpen => Status is ProposalStatus.Draft or ProposalStatus.InReview or ProposalStatus.ChangesRequested or ProposalStatus.Approved;

    public bool IsStale(int currentVersionNumber) => BaseVersionNumber < currentVersionNumber;

    /// <summary>A new draft. Any approval given so far was for other content, so it is dismissed.</summary>
    public void Edit(string? title, string? rationale, string? draftJson, DateTimeOffset now)
    {
        RequireOpen("edit");
        ReplaceDraft(draftJson);
        Title = title ?? Title;
        Rationale = rationale ?? Rationale;
        Touch(now);
    }

    /// <summary>Rebasing replaces the draft and its base together; approvals were for the old content.</summary>
    public void Rebase(int newBaseVersion, string mergedDraftJson, DateTimeOffset now)
    {
        RequireOpen("rebase");
        BaseVersionNumber = newBaseVersion;
        ReplaceDraft(mergedDraftJson);
        Touch(now);
    }

    private void ReplaceDraft(string? draftJson)
    {
        if (draftJson is null || draftJson == DraftJson)
            return;
        DraftJson = draftJson;
        DismissApprovals();
        if (Status == ProposalStatus.Approved)
            Status = ProposalStatus.InReview;
    }

    public void Submit(Actor actor, DateTimeOffset now)
    {
        if (actor.UserId != AuthorId && !actor.IsAdmin)
            throw new WorkflowException(WorkflowFailure.Forbidden, "proposal.not_author", "Only the author or an Admin may submit a proposal for review.");
        if (Status is not (ProposalStatus.Draft or ProposalStatus.ChangesRequested))
            throw Transition("submit");
        Status = ProposalStatus.InReview;
        Touch(now);
    }

    public ProposalReview Review(Actor actor, ReviewDecision decision, string? comment, ApprovalSection? policy, IReadOnlyCollection<string> changedPaths, DateTimeOffset now, MemberTeam? authorSignOff = null)
    {
        if (Status is not (ProposalStatus.InReview or ProposalStatus.Approved))
            throw new WorkflowException(WorkflowFailure.Conflict, "proposal.not_in_review", $"Only a proposal in review can be reviewed; this one is {Status}.");
        if (actor.UserId == AuthorId)
            throw new WorkflowException(WorkflowFailure.Forbidden, "proposal.self_review", "The author never reviews their own proposal.");
        if (decision == ReviewDecision.Approve && Reviews.Any(r => r.ReviewerId == actor.UserId && r.IsActiveApproval))
            throw new WorkflowException(WorkflowFailure.Conflict, "proposal.already_approved", "You already approved this revision; an approval counts once.");

        var review = new ProposalReview
        {
            Id = Guid.NewGuid(),
            TenantId = TenantId,
            ProposalId = Id,
            ReviewerId = actor.UserId,
            Team = actor.Team,
            Decision = decision,
            Comment = comment,
            At = now,
            DraftRevision = Revision,
        };
        Reviews.Add(review);
        Status = decision switch
        {
            ReviewDecision.Approve => ApprovalPolicy.Evaluate(policy, Reviews, changedPaths, authorSignOff).Satisfied ? ProposalStatus.Approved : ProposalStatus.InReview,
            ReviewDecision.RequestChanges => ProposalStatus.ChangesRequested,
            _ => ProposalStatus.Rejected,
        };
        Touch(now);
        return review;
    }

    public void Withdraw(Actor actor, DateTimeOffset now)
    {
        if (actor.UserId != AuthorId && !actor.IsAdmin)
            throw new WorkflowException(WorkflowFailure.Forbidden, "proposal.not_author", "Only the author or an Admin may withdraw a proposal.");
        RequireOpen("withdraw");
        Status = ProposalStatus.Withdrawn;
        Touch(now);
    }

    /// <summary>
    /// Checks that the proposal may be published now: open, not stale, and approved — or an Admin override
    /// with a written justification.
    /// </summary>
    public void EnsurePublishable(Actor actor, int currentVersionNumber, string? overrideJustification)
    {
        RequireOpen("publish");
        if (IsStale(currentVersionNumber))
            throw new WorkflowException(WorkflowFailure.Conflict, "proposal.stale",
                $"Version {currentVersionNumber} was published after this proposal's base (v{BaseVersionNumber}); rebase it first.");
        if (Status == ProposalStatus.Approved)
            return;
        if (overrideJustification is null)
            throw new WorkflowException(WorkflowFailure.Conflict, "proposal.not_approved", "Only an approved proposal can be published.");
        if (!actor.IsAdmin)
            throw new WorkflowException(WorkflowFailure.Forbidden, "proposal.override_not_allowed", "Only an Admin may publish without the required approvals.");
        if (string.IsNullOrWhiteSpace(overrideJustification) || overrideJustification.Trim().Length < 10)
            throw new WorkflowException(WorkflowFailure.Conflict, "proposal.justification_required", "Publishing without approvals needs a written justification (at least 10 characters).");
    }

    public void MarkPublished(int versionNumber, DateTimeOffset now)
    {
        Status = ProposalStatus.Published;
        PublishedVersionNumber = versionNumber;
        Touch(now);
    }

    private void DismissApprovals()
    {
        foreach (var review in Reviews.Where(r => r.IsActiveApproval))
            review.Dismissed = true;
    }

    private void Touch(DateTimeOffset now)
    {
        Revision++;
        UpdatedAt = now;
    }

    private void RequireOpen(string action)
    {
        if (!IsOpen)
            throw Transition(action);
    }

    private WorkflowException Transition(string action) =>
        new(WorkflowFailure.Conflict, "proposal.invalid_transition", $"A proposal that is {Status} cannot {action}.");
}

/// <summary>A review decision on one revision of a proposal's draft.</summary>
public sealed class ProposalReview : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; }

    public Guid ProposalId { get; init; }

    public required string ReviewerId { get; init; }

    public MemberTeam Team { get; init; }

    public ReviewDecision Decision { get; init; }

    public string? Comment { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The draft revision this review saw.</summary>
    public int DraftRevision { get; init; }

    /// <summary>Set when the draft changed after an approval: the approval no longer counts.</summary>
    public bool Dismissed { get; set; }

    public bool IsActiveApproval => Decision == ReviewDecision.Approve && !Dismissed;
}
