using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Common;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Application.Features.Playbooks;

/// <summary>Newest first; the cursor is the last version number seen, so a publish never shifts a page.</summary>
[RequiresPermission(Permissions.Playbooks.Read)]
public sealed record ListVersionsQuery(Guid PlaybookId, string? Cursor = null, int? Limit = null) : IQuery<Page<VersionSummaryDto>>;

internal sealed class ListVersionsValidator : AbstractValidator<ListVersionsQuery>
{
    public ListVersionsValidator() => RuleFor(q => q.Cursor).MustBeCursor();
}

internal sealed class ListVersionsHandler(IAppDbContext db) : IQueryHandler<ListVersionsQuery, Page<VersionSummaryDto>>
{
    public async ValueTask<Page<VersionSummaryDto>> Handle(ListVersionsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Playbooks.AnyAsync(p => p.Id == query.PlaybookId, cancellationToken))
            throw new NotFoundException("Playbook", query.PlaybookId);
        var before = (int)Math.Min(Paging.ParseCursor(query.Cursor) ?? int.MaxValue, int.MaxValue);
        var limit = Paging.Clamp(query.Limit);
        var items = await db.PlaybookVersions.AsNoTracking()
            .Where(v => v.PlaybookId == query.PlaybookId && v.Number < before)
            .OrderByDescending(v => v.Number)
            .Take(limit + 1)
            .Select(v => new VersionSummaryDto(v.Number, v.ContentHash, v.PublishedAt, v.PublishedBy, v.ProposalId, v.ChangeSummary, v.OverrideJustification != null))
            .ToListAsync(cancellationToken);
        var page = items.Take(limit).ToList();
        return new Page<VersionSummaryDto>(page, Paging.NextCursor(items.Count > limit, page.LastOrDefault()?.Number ?? 0));
    }
}
