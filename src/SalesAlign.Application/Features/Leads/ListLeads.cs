using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Common;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Leads;
using SalesAlign.Contracts.Security;
using SalesAlign.Application.Common.Wire;

namespace SalesAlign.Application.Features.Leads;

/// <summary>
/// The tenant's leads, newest first, with stage and current score. Keyset-paged by id (version 7, time-ordered):
/// the cursor is the last id seen, so new leads never shift a page and deep pages cost the same as the first.
/// </summary>
[RequiresPermission(Permissions.Leads.Read)]
public sealed record ListLeadsQuery(string? Cursor = null, int? Limit = null) : IQuery<Page<LeadSummaryDto>>;

internal sealed class ListLeadsValidator : AbstractValidator<ListLeadsQuery>
{
    public ListLeadsValidator() =>
        RuleFor(q => q.Cursor)
            .Must(c => c is null || Guid.TryParseExact(c, "N", out _))
            .OverridePropertyName("/cursor").WithErrorCode("paging.cursor")
            .WithMessage("The cursor is not one this API issued; start again without it.");
}

internal sealed class ListLeadsHandler(IAppDbContext db) : IQueryHandler<ListLeadsQuery, Page<LeadSummaryDto>>
{
    public async ValueTask<Page<LeadSummaryDto>> Handle(ListLeadsQuery query, CancellationToken cancellationToken)
    {
        var limit = Paging.Clamp(query.Limit);
        var leads = db.Leads.AsNoTracking();
        if (query.Cursor is { } cursor)
        {
            var after = Guid.ParseExact(cursor, "N");
            leads = leads.Where(l => l.Id.CompareTo(after) < 0);
        }
        var rows = await leads.OrderByDescending(l => l.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        var ids = page.Select(l => l.Id).ToList();
        var scores = await db.LeadScores.AsNoTracking().Where(s => ids.Contains(s.LeadId)).ToListAsync(cancellationToken);
        var items = page.Select(l =>
        {
            var score = scores.FirstOrDefault(s => s.LeadId == l.Id && s.PlaybookId == l.PlaybookId);
            return new LeadSummaryDto(l.Id, l.ExternalId, l.CreatedAt, l.UpdatedAt, LeadDtoMapping.StageOf(l), l.EventCount, score?.FitGrade, score?.IsMql, WireName.Of(score?.Route));
        }).ToList();
        return new Page<LeadSummaryDto>(items, rows.Count > limit ? page[^1].Id.ToString("N") : null);
    }
}
