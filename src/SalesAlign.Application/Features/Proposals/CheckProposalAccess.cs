using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Application.Features.Proposals;

/// <summary>
/// Whether the caller may follow a proposal live (join its hub group, show as viewing it): it exists in the current
/// tenant and the caller may read proposals there. The hub asks this instead of keeping a rule of its own.
/// </summary>
[RequiresPermission(Permissions.Proposals.Read)]
public sealed record CheckProposalAccessQuery(Guid ProposalId) : IQuery<bool>;

internal sealed class CheckProposalAccessValidator : AbstractValidator<CheckProposalAccessQuery>
{
    public CheckProposalAccessValidator() => RuleFor(q => q.ProposalId).NotEmpty().OverridePropertyName("/proposalId");
}

internal sealed class CheckProposalAccessHandler(IAppDbContext db) : IQueryHandler<CheckProposalAccessQuery, bool>
{
    // Tenant-filtered: another tenant's proposal does not exist here.
    public async ValueTask<bool> Handle(CheckProposalAccessQuery query, CancellationToken cancellationToken) =>
        await db.Proposals.AsNoTracking().AnyAsync(p => p.Id == query.ProposalId, cancellationToken);
}
