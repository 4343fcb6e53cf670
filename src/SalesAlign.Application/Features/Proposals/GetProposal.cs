using FluentValidation;
using Mediator;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Application.Features.Proposals;

/// <summary>The proposal with its reviews, whether it is stale, and who still has to approve under the current policy.</summary>
[RequiresPermission(Permissions.Proposals.Read)]
public sealed record GetProposalQuery(Guid ProposalId) : IQuery<ProposalDto>;

internal sealed class GetProposalValidator : AbstractValidator<GetProposalQuery>
{
    public GetProposalValidator() => RuleFor(q => q.ProposalId).NotEmpty().OverridePropertyName("/proposalId");
}

internal sealed class GetProposalHandler(IAppDbContext db) : IQueryHandler<GetProposalQuery, ProposalDto>
{
    public async ValueTask<ProposalDto> Handle(GetProposalQuery query, CancellationToken cancellationToken) =>
        (await ProposalState.LoadAsync(db, query.ProposalId, tracking: false, cancellationToken)).ToDto();
}
