using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Security;
using SalesAlign.Contracts.Webhooks;

namespace SalesAlign.Application.Features.Webhooks;

/// <summary>
/// Issues a new secret, shown once in the answer. The old one stays valid for a day (deliveries carry both
/// signatures), so the receiver can switch over without rejecting anything.
/// </summary>
[RequiresPermission(Permissions.Webhooks.Manage)]
public sealed record RotateWebhookSecretCommand(Guid WebhookId) : ICommand<RotateWebhookSecretResponse>;

internal sealed class RotateWebhookSecretValidator : AbstractValidator<RotateWebhookSecretCommand>
{
    public RotateWebhookSecretValidator() => RuleFor(c => c.WebhookId).NotEmpty();
}

internal sealed class RotateWebhookSecretHandler(IAppDbContext db, ICurrentUser user, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RotateWebhookSecretCommand, RotateWebhookSecretResponse>
{
    public static readonly TimeSpan Overlap = TimeSpan.FromHours(24);

    public async ValueTask<RotateWebhookSecretResponse> Handle(RotateWebhookSecretCommand command, CancellationToken cancellationToken)
    {
        user.RequireMember();
        var webhook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == command.WebhookId, cancellationToken)
            ?? throw new NotFoundException("Webhook", command.WebhookId);
        webhook.PreviousSecret = webhook.Secret;
        webhook.PreviousSecretExpiresAt = clock.GetUtcNow() + Overlap;
        webhook.Secret = WebhookSignature.NewSecret();
        audit.Record("webhook.secret_rotated", "Webhook", webhook.Id.ToString(), after: new { webhook.PreviousSecretExpiresAt });
        await db.SaveChangesAsync(cancellationToken);
        return new RotateWebhookSecretResponse(webhook.Secret, webhook.PreviousSecretExpiresAt.Value);
    }
}
