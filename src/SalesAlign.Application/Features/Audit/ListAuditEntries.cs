using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Common;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Security;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Application.Features.Audit;

/// <summary>The tenant's audit log, newest first; the cursor is the last number seen, so new entries never shift a page. Ids are
/// the tenant's own numbers (<see cref="Domain.Auditing.AuditEntry.Seq"/>), so they say nothing about other tenants.</summary>
[RequiresPermission(Permissions.Audit.Read)]
public sealed record ListAuditEntriesQuery(string? Cursor = null, int? Limit = null) : IQuery<Page<AuditEntryDto>>;

internal sealed class ListAuditEntriesValidator : AbstractValidator<ListAuditEntriesQuery>
{
    public ListAuditEntriesValidator() => RuleFor(q => q.Cursor).MustBeCursor();
}

internal sealed class ListAuditEntriesHandler(IAppDbContext db) : IQueryHandler<ListAuditEntriesQuery, Page<AuditEntryDto>>
{
    public async ValueTask<Page<AuditEntryDto>> Handle(ListAuditEntriesQuery query, CancellationToken cancellationToken)
    {
        var before = Paging.ParseCursor(query.Cursor) ?? long.MaxValue;
        var limit = Paging.Clamp(query.Limit);
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Seq < before)
            .OrderByDescending(a => a.Seq)
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        var items = rows.Take(limit)
            .Select(a => new AuditEntryDto(a.Seq, a.At, a.ActorId, a.Action, a.ObjectType, a.ObjectId,
                a.BeforeJson is null ? null : PlaybookMapping.ToElement(a.BeforeJson),
                a.AfterJson is null ? null : PlaybookMapping.ToElement(a.AfterJson)))
            .ToList();
        return new Page<AuditEntryDto>(items, Paging.NextCursor(rows.Count > limit, items.LastOrDefault()?.Id ?? 0));
    }
}
