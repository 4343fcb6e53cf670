using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Security;
using SalesAlign.Contracts.Webhooks;

namespace SalesAlign.Application.Features.Webhooks;

/// <summary>The tenant's webhooks, oldest first, never with their secrets.</summary>
[RequiresPermission(Permissions.Webhooks.Read)]
public sealed record ListWebhooksQuery : IQuery<IReadOnlyList<WebhookDto>>;

/// <summary>Nothing to check; here because every message has a validator (a convention test).</summary>
internal sealed class ListWebhooksValidator : AbstractValidator<ListWebhooksQuery>;

internal sealed class ListWebhooksHandler(IAppDbContext db) : IQueryHandler<ListWebhooksQuery, IReadOnlyList<WebhookDto>>
{
    public async ValueTask<IReadOnlyList<WebhookDto>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken)
    {
        // Version 7 ids sort by creation time; a tenant has a handful of webhooks, so no paging.
        var webhooks = await db.Webhooks.AsNoTracking().OrderBy(w => w.Id).ToListAsync(cancellationToken);
        return [.. webhooks.Select(w => w.ToDto())];
    }
}
