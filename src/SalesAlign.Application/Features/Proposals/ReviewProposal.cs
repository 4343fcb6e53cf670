using FluentValidation;
using Mediator;
using SalesAlign.Application.Common.Wire;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Proposals;

namespace SalesAlign.Application.Features.Proposals;

/// <summary>
/// approve, requestChanges or reject. The endpoint requires the review permission (Approver+); the domain
/// enforces separation of duties (never the author, one approval per person and revision).
/// </summary>
[RequiresPermission(Permissions.Proposals.Review)]
public sealed record ReviewProposalCommand(Guid ProposalId, ReviewRequest Request, int? ExpectedRevision = null) : ICommand<ProposalDto>;

internal sealed class ReviewProposalValidator : AbstractValidator<ReviewProposalCommand>
{
    public static readonly IReadOnlyDictionary<string, ReviewDecision> Decisions =
        new Dictionary<string, ReviewDecision>(StringComparer.Ordinal)
        {
            ["approve"] = ReviewDecision.Approve,
            ["requestChanges"] = ReviewDecision.RequestChanges,
            ["reject"] = ReviewDecision.Reject,
        };

    public ReviewProposalValidator()
    {
        RuleFor(c => c.Request.Decision)
            .Must(d => d is not null && Decisions.ContainsKey(d))
            .OverridePropertyName("/decision")
            .WithErrorCode("review.decision_unknown")
            .WithMessage("decision is one of approve, requestChanges, reject.");
        RuleFor(c => c.Request.Comment).MaximumLength(4000).OverridePropertyName("/comment");
    }
}

internal sealed class ReviewProposalHandler(IAppDbContext db, ICurrentUser user, IAuditLog audit, ILiveEvents live, TimeProvider clock)
    : ICommandHandler<ReviewProposalCommand, ProposalDto>
{
    public async ValueTask<ProposalDto> Handle(ReviewProposalCommand command, CancellationToken cancellationToken)
    {
        var actor = user.RequireMember();
        var state = await ProposalState.LoadAsync(db, command.ProposalId, tracking: true, cancellationToken);
        state.EnsureRevision(command.ExpectedRevision);
        var before = state.AuditSnapshot();
        var from = state.Proposal.Status;
        var decision = ReviewProposalValidator.Decisions[command.Request.Decision];

        var review = state.Proposal.Review(actor, decision, command.Request.Comment, state.Policy, state.PathsForPolicy(), clock.GetUtcNow(), state.AuthorSignOff);
        db.ProposalReviews.Add(review);

        var action = decision switch
        {
            ReviewDecision.Approve => "proposal.approved",
            ReviewDecision.RequestChanges => "proposal.changes_requested",
            _ => "proposal.rejected",
        };
        audit.Record(action, "Proposal", state.Proposal.Id.ToString(), before,
            new { state.Proposal.Status, state.Proposal.Revision, ReviewId = review.Id, review.Team, review.Comment });
        live.Publish(new ReviewSubmittedData(WireName.Of(decision), actor.UserId, review.Id), actor.UserId, state.Proposal.Id.ToString(), state.Proposal.Revision);
        live.PublishStatusChange(state.Proposal, from, actor.UserId);
        await db.SaveChangesAsync(cancellationToken);
        return state.ToDto();
    }
}
