using FluentValidation;
using Mediator;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Application.Features.Proposals;

/// <summary>What the draft changes relative to its base version — what reviewers approve.</summary>
[RequiresPermission(Permissions.Proposals.Read)]
public sealed record GetProposalDiffQuery(Guid ProposalId) : IQuery<ProposalDiffDto>;

internal sealed class GetProposalDiffValidator : AbstractValidator<GetProposalDiffQuery>
{
    public GetProposalDiffValidator() => RuleFor(q => q.ProposalId).NotEmpty().OverridePropertyName("/proposalId");
}

internal sealed class GetProposalDiffHandler(IAppDbContext db) : IQueryHandler<GetProposalDiffQuery, ProposalDiffDto>
{
    public async ValueTask<ProposalDiffDto> Handle(GetProposalDiffQuery query, CancellationToken cancellationToken)
    {
        var state = await ProposalState.LoadAsync(db, query.ProposalId, tracking: false, cancellationToken);
        return new ProposalDiffDto(state.Proposal.BaseVersionNumber, state.Changes().Select(c => c.ToDto()).ToList());
    }
}
