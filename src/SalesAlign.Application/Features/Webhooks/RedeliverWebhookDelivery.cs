using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Webhooks;

namespace SalesAlign.Application.Features.Webhooks;

/// <summary>
/// Sends a delivery again, whatever its outcome so far, with a fresh retry budget. Same payload and same
/// <c>webhook-id</c>, so a receiver that already has it can tell.
/// </summary>
[RequiresPermission(Permissions.Webhooks.Manage)]
public sealed record RedeliverWebhookDeliveryCommand(Guid WebhookId, Guid DeliveryId) : ICommand<Unit>;

internal sealed class RedeliverWebhookDeliveryValidator : AbstractValidator<RedeliverWebhookDeliveryCommand>
{
    public RedeliverWebhookDeliveryValidator()
    {
        RuleFor(c => c.WebhookId).NotEmpty();
        RuleFor(c => c.DeliveryId).NotEmpty();
    }
}

internal sealed class RedeliverWebhookDeliveryHandler(IAppDbContext db, ICurrentUser user, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RedeliverWebhookDeliveryCommand, Unit>
{
    public async ValueTask<Unit> Handle(RedeliverWebhookDeliveryCommand command, CancellationToken cancellationToken)
    {
        user.RequireMember();
        var delivery = await db.WebhookDeliveries
            .FirstOrDefaultAsync(d => d.Id == command.DeliveryId && d.WebhookId == command.WebhookId, cancellationToken)
            ?? throw new NotFoundException("WebhookDelivery", command.DeliveryId);
        delivery.Status = WebhookDeliveryStatus.Pending;
        delivery.Attempts = 0;
        delivery.NextAttemptAt = clock.GetUtcNow();
        audit.Record("webhook.redelivery_requested", "WebhookDelivery", delivery.Id.ToString(), after: new { delivery.EventSeq });
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
