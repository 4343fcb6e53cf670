using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Leads;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Application.Features.Leads;

/// <summary>A stored lead: values, events, funnel, outcomes, its current score under its playbook (or "unscored") and the score history.</summary>
[RequiresPermission(Permissions.Leads.Read)]
public sealed record GetLeadQuery(Guid LeadId) : IQuery<LeadDetailDto>;

internal sealed class GetLeadValidator : AbstractValidator<GetLeadQuery>
{
    public GetLeadValidator() => RuleFor(q => q.LeadId).NotEmpty().OverridePropertyName("/leadId");
}

internal sealed class GetLeadHandler(IAppDbContext db) : IQueryHandler<GetLeadQuery, LeadDetailDto>
{
    public const int HistoryLimit = 100;

    public async ValueTask<LeadDetailDto> Handle(GetLeadQuery query, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Id == query.LeadId, cancellationToken)
            ?? throw new NotFoundException("Lead", query.LeadId);
        // Ids are version 7 (time-ordered), so id order is recording order; SQLite cannot order by DateTimeOffset.
        var outcomes = await db.LeadOutcomes.AsNoTracking().Where(o => o.LeadId == lead.Id).OrderBy(o => o.Id).ToListAsync(cancellationToken);
        var score = await db.LeadScores.AsNoTracking().FirstOrDefaultAsync(s => s.LeadId == lead.Id && s.PlaybookId == lead.PlaybookId, cancellationToken);
        var history = await db.LeadScoreChanges.AsNoTracking().Where(h => h.LeadId == lead.Id)
            .OrderByDescending(h => h.Id).Take(HistoryLimit).ToListAsync(cancellationToken);
        return lead.ToDetailDto(outcomes.OrderBy(o => o.OccurredAt), score, history);
    }
}
