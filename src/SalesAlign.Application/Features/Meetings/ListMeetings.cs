using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Common;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Meetings;
using SalesAlign.Contracts.Security;
using SalesAlign.Application.Common.Wire;

namespace SalesAlign.Application.Features.Meetings;

/// <summary>The tenant's meetings, newest first.</summary>
[RequiresPermission(Permissions.Meetings.Read)]
public sealed record ListMeetingsQuery(string? Cursor = null, int? Limit = null) : IQuery<Page<MeetingSummaryDto>>;

internal sealed class ListMeetingsValidator : AbstractValidator<ListMeetingsQuery>
{
    public ListMeetingsValidator() => RuleFor(q => q.Cursor).MustBeCursor();
}

internal sealed class ListMeetingsHandler(IAppDbContext db) : IQueryHandler<ListMeetingsQuery, Page<MeetingSummaryDto>>
{
    public async ValueTask<Page<MeetingSummaryDto>> Handle(ListMeetingsQuery query, CancellationToken cancellationToken)
    {
        // Version 7 ids: descending id is newest first without ordering by a DateTimeOffset (SQLite cannot).
        // Offset cursor: one meeting a week is tens a year, not millions.
        var offset = (int)Math.Min(Paging.ParseCursor(query.Cursor) ?? 0, int.MaxValue);
        var limit = Paging.Clamp(query.Limit);
        var rows = await db.Meetings.AsNoTracking().OrderByDescending(m => m.Id).Skip(offset).Take(limit + 1)
            .Select(m => new { m.Id, m.PlaybookId, m.Title, m.ScheduledFor, m.Status, m.Revision, Items = m.Agenda.Count })
            .ToListAsync(cancellationToken);
        var items = rows.Take(limit)
            .Select(m => new MeetingSummaryDto(m.Id, m.PlaybookId, m.Title, m.ScheduledFor, WireName.Of(m.Status), m.Revision, m.Items))
            .ToList();
        return new Page<MeetingSummaryDto>(items, Paging.NextCursor(rows.Count > limit, offset + limit));
    }
}
