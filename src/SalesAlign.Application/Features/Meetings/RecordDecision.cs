using FluentValidation;
using FluentValidation.Results;
using Mediator;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Meetings;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Meetings;

namespace SalesAlign.Application.Features.Meetings;

/// <summary>
/// Records the meeting's decision on one agenda item. Approve and reject on a proposal are the caller's own
/// review, sent through the proposal workflow in the same transaction: separation of duties and the approval
/// policy apply in a meeting exactly as outside it (the author still cannot approve their own proposal).
/// </summary>
[RequiresPermission(Permissions.Meetings.Decide)]
public sealed record RecordDecisionCommand(Guid MeetingId, RecordDecisionRequest Request, int? ExpectedRevision = null) : ICommand<MeetingDto>;

internal sealed class RecordDecisionValidator : AbstractValidator<RecordDecisionCommand>
{
    public RecordDecisionValidator()
    {
        RuleFor(c => c.Request.ItemId).NotEmpty().OverridePropertyName("/itemId");
        RuleFor(c => c.Request.Decision)
            .Must(d => d is not null && MeetingState.Decisions.ContainsKey(d))
            .OverridePropertyName("/decision")
            .WithErrorCode("meeting.decision_unknown")
            .WithMessage("decision is one of approve, reject, defer, openProposal.");
        RuleFor(c => c.Request.Notes).MaximumLength(4000).OverridePropertyName("/notes");
    }
}

internal sealed class RecordDecisionHandler(IAppDbContext db, ICurrentUser user, ISender sender, IAuditLog audit, ILiveEvents live, TimeProvider clock)
    : ICommandHandler<RecordDecisionCommand, MeetingDto>
{
    public async ValueTask<MeetingDto> Handle(RecordDecisionCommand command, CancellationToken cancellationToken)
    {
        var actor = user.RequireMember();
        var request = command.Request;
        var meeting = await MeetingState.LoadAsync(db, command.MeetingId, tracking: true, cancellationToken);
        meeting.EnsureRevision(command.ExpectedRevision);
        var item = meeting.Agenda.FirstOrDefault(i => i.Id == request.ItemId)
            ?? throw Invalid("/itemId", "meeting.item_unknown", "itemId is not an item of this meeting's agenda.");
        var decision = MeetingState.Decisions[request.Decision];
        if (!item.Accepts(decision))
            throw Invalid("/decision", "meeting.decision_not_applicable",
                decision == MeetingDecision.OpenProposal
                    ? "openProposal answers a disputed-MQL item; a proposal item takes approve, reject or defer."
                    : "approve and reject are reviews of a proposal; a disputed-MQL item takes openProposal or defer.");
        var before = meeting.AuditSnapshot();

        // The domain checks first (closed meeting, item already decided), so nothing reaches the proposal when
        // the meeting refuses; a refusal of the review itself rolls the whole command back.
        meeting.Decide(item.Id, decision, request.Notes, actor.UserId, clock.GetUtcNow());
        if (decision is MeetingDecision.Approve or MeetingDecision.Reject && item.ProposalId is { } proposalId)
        {
            await sender.Send(new ReviewProposalCommand(proposalId,
                new ReviewRequest(decision == MeetingDecision.Approve ? "approve" : "reject", request.Notes)), cancellationToken);
        }

        live.Publish(new MeetingUpdatedData(), actor.UserId, meeting.Id.ToString(), meeting.Revision);
        audit.Record("meeting.decision_recorded", "Meeting", meeting.Id.ToString(), before,
            new { ItemId = item.Id, item.Kind, item.ProposalId, item.Decision, item.Notes, meeting.Revision });
        await db.SaveChangesAsync(cancellationToken);
        return await MeetingState.ToDtoAsync(db, meeting, cancellationToken);
    }

    private static ValidationException Invalid(string path, string code, string message) =>
        new([new ValidationFailure(path, message) { ErrorCode = code }]);
}
