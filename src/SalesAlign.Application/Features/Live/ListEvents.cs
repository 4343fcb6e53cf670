using FluentValidation;
using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Live;

namespace SalesAlign.Application.Features.Live;

/// <summary>
/// What a client missed: the tenant's events with seq greater than <c>After</c>, in seq order, limited to the event
/// types the caller may read (<see cref="LiveEventPermissions"/>). A page scans up to <c>Limit</c> events; the next
/// cursor is the last seq <em>scanned</em>, filtered ones included, so the seqs a caller may not read are covered by
/// the cursor rather than looking like events it missed (docs/decisions/0033).
/// </summary>
[RequiresPermission(Permissions.Tenants.Read)]
public sealed record ListEventsQuery(long? After = null, int? Limit = null) : IQuery<Page<LiveEventDto>>;

internal sealed class ListEventsValidator : AbstractValidator<ListEventsQuery>
{
    public ListEventsValidator() => RuleFor(q => q.After).GreaterThanOrEqualTo(0).OverridePropertyName("/after");
}

internal sealed class ListEventsHandler(IAppDbContext db, ITenantContext tenant, ICurrentUser user) : IQueryHandler<ListEventsQuery, Page<LiveEventDto>>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public async ValueTask<Page<LiveEventDto>> Handle(ListEventsQuery query, CancellationToken cancellationToken)
    {
        var after = query.After ?? 0;
        var limit = Math.Clamp(query.Limit ?? DefaultLimit, 1, MaxLimit);
        var rows = await db.OutboxEvents.AsNoTracking()
            .Where(e => e.Seq > after)
            .OrderBy(e => e.Seq)
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        var slug = tenant.Slug ?? throw new InvalidOperationException("Events are read within a tenant.");
        var scanned = rows.Take(limit).ToList();
        var items = scanned.Where(e => user.MayRead(e.Type)).Select(e => e.ToDto(slug)).ToList();
        var next = rows.Count > limit ? scanned[^1].Seq.ToString(CultureInfo.InvariantCulture) : null;
        return new Page<LiveEventDto>(items, next);
    }
}

public static class LiveEventMapping
{
    public static LiveEventDto ToDto(this OutboxEvent e, string tenantSlug) =>
        new(e.Type, tenantSlug, e.Seq, e.At, e.ActorId, e.ObjectId, e.Revision,
            e.DataJson is null ? null : PlaybookMapping.ToElement(e.DataJson));
}
