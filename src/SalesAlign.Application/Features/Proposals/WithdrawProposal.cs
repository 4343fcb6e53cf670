using FluentValidation;
using Mediator;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Application.Features.Proposals;

/// <summary>The author (or an Admin) closes an open proposal without publishing it.</summary>
[RequiresPermission(Permissions.Proposals.Edit)]
public sealed record WithdrawProposalCommand(Guid ProposalId, int? ExpectedRevision = null) : ICommand<ProposalDto>;

internal sealed class WithdrawProposalValidator : AbstractValidator<WithdrawProposalCommand>
{
    public WithdrawProposalValidator() => RuleFor(c => c.ExpectedRevision).GreaterThan(0).OverridePropertyName("/ifMatch");
}

internal sealed class WithdrawProposalHandler(IAppDbContext db, ICurrentUser user, IAuditLog audit, ILiveEvents live, TimeProvider clock)
    : ICommandHandler<WithdrawProposalCommand, ProposalDto>
{
    public async ValueTask<ProposalDto> Handle(WithdrawProposalCommand command, CancellationToken cancellationToken)
    {
        var actor = user.RequireMember();
        var state = await ProposalState.LoadAsync(db, command.ProposalId, tracking: true, cancellationToken);
        state.EnsureRevision(command.ExpectedRevision);
        var before = state.AuditSnapshot();
        var from = state.Proposal.Status;

        state.Proposal.Withdraw(actor, clock.GetUtcNow());

        audit.Record("proposal.withdrawn", "Proposal", state.Proposal.Id.ToString(), before, state.AuditSnapshot());
        live.PublishStatusChange(state.Proposal, from, actor.UserId);
        await db.SaveChangesAsync(cancellationToken);
        return state.ToDto();
    }
}
