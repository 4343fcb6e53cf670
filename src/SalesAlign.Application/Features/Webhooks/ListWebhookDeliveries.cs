using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Common;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Security;
using SalesAlign.Contracts.Webhooks;
using SalesAlign.Domain.Webhooks;
using SalesAlign.Application.Common.Wire;

namespace SalesAlign.Application.Features.Webhooks;

/// <summary>A webhook's deliveries, newest first.</summary>
[RequiresPermission(Permissions.Webhooks.Read)]
public sealed record ListWebhookDeliveriesQuery(Guid WebhookId, string? Cursor = null, int? Limit = null) : IQuery<Page<WebhookDeliveryDto>>;

internal sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesValidator() => RuleFor(q => q.Cursor).MustBeCursor();
}

internal sealed class ListWebhookDeliveriesHandler(IAppDbContext db) : IQueryHandler<ListWebhookDeliveriesQuery, Page<WebhookDeliveryDto>>
{
    public async ValueTask<Page<WebhookDeliveryDto>> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Webhooks.AnyAsync(w => w.Id == query.WebhookId, cancellationToken))
            throw new NotFoundException("Webhook", query.WebhookId);
        var offset = (int)Math.Min(Paging.ParseCursor(query.Cursor) ?? 0, int.MaxValue);
        var limit = Paging.Clamp(query.Limit);
        // Version 7 ids: descending id is newest first on every provider.
        var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == query.WebhookId)
            .OrderByDescending(d => d.Id).Skip(offset).Take(limit + 1)
            .ToListAsync(cancellationToken);
        var items = rows.Take(limit).Select(d => new WebhookDeliveryDto(
                d.Id, d.WebhookId, d.EventSeq, d.EventType, WireName.Of(d.Status), d.Attempts,
                d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null,
                d.LastError, d.LastStatusCode, d.ResponseExcerpt, d.CreatedAt, d.DeliveredAt))
            .ToList();
        return new Page<WebhookDeliveryDto>(items, Paging.NextCursor(rows.Count > limit, offset + limit));
    }
}
