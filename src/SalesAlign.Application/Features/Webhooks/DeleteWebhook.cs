using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Application.Features.Webhooks;

/// <summary>Removes a webhook with its delivery history; pending deliveries are not sent.</summary>
[RequiresPermission(Permissions.Webhooks.Manage)]
public sealed record DeleteWebhookCommand(Guid WebhookId) : ICommand<Unit>;

internal sealed class DeleteWebhookValidator : AbstractValidator<DeleteWebhookCommand>
{
    public DeleteWebhookValidator() => RuleFor(c => c.WebhookId).NotEmpty();
}

internal sealed class DeleteWebhookHandler(IAppDbContext db, ICurrentUser user, IAuditLog audit) : ICommandHandler<DeleteWebhookCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken)
    {
        user.RequireMember();
        var webhook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == command.WebhookId, cancellationToken)
            ?? throw new NotFoundException("Webhook", command.WebhookId);
        db.Webhooks.Remove(webhook);
        audit.Record("webhook.deleted", "Webhook", webhook.Id.ToString(), before: new { webhook.Url, webhook.EventTypes });
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
