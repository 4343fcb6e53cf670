using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Common;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Application.Features.Playbooks;

[RequiresPermission(Permissions.Playbooks.Read)]
public sealed record ListPlaybooksQuery(string? Cursor = null, int? Limit = null) : IQuery<Page<PlaybookSummaryDto>>;

internal sealed class ListPlaybooksValidator : AbstractValidator<ListPlaybooksQuery>
{
    public ListPlaybooksValidator() => RuleFor(q => q.Cursor).MustBeCursor();
}

internal sealed class ListPlaybooksHandler(IAppDbContext db) : IQueryHandler<ListPlaybooksQuery, Page<PlaybookSummaryDto>>
{
    public async ValueTask<Page<PlaybookSummaryDto>> Handle(ListPlaybooksQuery query, CancellationToken cancellationToken)
    {
        // A tenant has a handful of playbooks, so an offset cursor is enough.
        var offset = (int)Math.Min(Paging.ParseCursor(query.Cursor) ?? 0, int.MaxValue);
        var limit = Paging.Clamp(query.Limit);
        var items = await db.Playbooks.AsNoTracking()
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Skip(offset).Take(limit + 1)
            .Select(p => new PlaybookSummaryDto(p.Id, p.Name, p.CurrentVersionNumber))
            .ToListAsync(cancellationToken);
        var hasMore = items.Count > limit;
        return new Page<PlaybookSummaryDto>(items.Take(limit).ToList(), Paging.NextCursor(hasMore, offset + limit));
    }
}
