using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Common.Validation;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Playbooks.Diff;

namespace SalesAlign.Application.Features.Proposals;

/// <summary>A new title, rationale and/or draft, based on <c>ExpectedRevision</c> (the client's If-Match).</summary>
[RequiresPermission(Permissions.Proposals.Edit)]
public sealed record UpdateProposalCommand(Guid ProposalId, int ExpectedRevision, UpdateProposalRequest Request) : ICommand<UpdateProposalResult>;

/// <summary>The proposal after the edit, and the draft paths that changed (for the <c>proposalUpdated</c> event).</summary>
public sealed record UpdateProposalResult(ProposalDto Proposal, IReadOnlyList<string> ChangedPaths);

internal sealed class UpdateProposalValidator : AbstractValidator<UpdateProposalCommand>
{
    public UpdateProposalValidator()
    {
        RuleFor(c => c.ExpectedRevision).GreaterThan(0).OverridePropertyName("/ifMatch");
        RuleFor(c => c.Request.Title).NotEmpty().MaximumLength(200).When(c => c.Request.Title is not null).OverridePropertyName("/title");
        RuleFor(c => c.Request.Rationale).MaximumLength(4000).OverridePropertyName("/rationale");
        RuleFor(c => c.Request.Document).MustBeValidPlaybook();
    }
}

internal sealed class UpdateProposalHandler(IAppDbContext db, ICurrentUser user, IAuditLog audit, ILiveEvents live, TimeProvider clock)
    : ICommandHandler<UpdateProposalCommand, UpdateProposalResult>
{
    public async ValueTask<UpdateProposalResult> Handle(UpdateProposalCommand command, CancellationToken cancellationToken)
    {
        var actor = user.RequireMember();
        var state = await ProposalState.LoadAsync(db, command.ProposalId, tracking: true, cancellationToken);
        state.EnsureRevision(command.ExpectedRevision);
        var proposal = state.Proposal;
        var before = state.AuditSnapshot();
        var oldDraft = proposal.DraftJson;

        var newDraft = command.Request.Document is { } document
            ? PlaybookJson.Serialize(DocumentRules.ParseValidated(document))
            : null;
        proposal.Edit(command.Request.Title?.Trim(), command.Request.Rationale, newDraft, clock.GetUtcNow());
        IReadOnlyList<string> changed = newDraft is null || newDraft == oldDraft
            ? []
            : [.. DocumentDiff.Compare(PlaybookJson.Parse(oldDraft).Document!, PlaybookJson.Parse(newDraft).Document!).Select(c => c.Path)];

        audit.Record("proposal.updated", "Proposal", proposal.Id.ToString(), before, new { proposal.Status, proposal.Revision, proposal.Title, ChangedPaths = changed });
        live.Publish(new ProposalUpdatedData(changed), actor.UserId, proposal.Id.ToString(), proposal.Revision);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            // Another editor landed between our read and our write: the client's If-Match is stale now.
            throw new PreconditionFailedException("Proposal", command.ExpectedRevision, command.ExpectedRevision + 1, ex);
        }
        return new UpdateProposalResult(state.ToDto(), changed);
    }
}
