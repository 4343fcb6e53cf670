using System.Net;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Security;
using SalesAlign.Contracts.Webhooks;
using SalesAlign.Domain.Webhooks;

namespace SalesAlign.Application.Features.Webhooks;

/// <summary>Registers an endpoint; the answer carries the signing secret, which is never shown again.</summary>
[RequiresPermission(Permissions.Webhooks.Manage)]
public sealed record CreateWebhookCommand(CreateWebhookRequest Request) : ICommand<CreateWebhookResponse>;

internal sealed class CreateWebhookValidator : AbstractValidator<CreateWebhookCommand>
{
    public CreateWebhookValidator(IOptions<WebhookRegistrationOptions> options)
    {
        var allowPrivateNetworks = options.Value.AllowPrivateNetworks;
        RuleFor(c => c.Request.Url).NotEmpty().MaximumLength(Webhook.MaxUrlLength)
            .Must(BeHttpUrl).WithErrorCode("webhook.url_invalid").WithMessage("url must be an absolute http or https URL.")
            .Must(url => allowPrivateNetworks || NotBeLiteralPrivateAddress(url)).WithErrorCode("webhook.url_private")
            .WithMessage("url must not point at a loopback, link-local or private address.")
            .OverridePropertyName("/url");
        RuleForEach(c => c.Request.EventTypes)
            .Must(t => LiveEventTypes.All.Contains(t, StringComparer.Ordinal))
            .WithErrorCode("webhook.event_type_unknown")
            .WithMessage($"eventTypes may contain only {string.Join(", ", LiveEventTypes.All)}.")
            .OverridePropertyName("/eventTypes");
    }

    private static bool BeHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.UserInfo);

    // A host name is checked again on every connection (the resolved address); a literal address can be refused now.
    private static bool NotBeLiteralPrivateAddress(string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri)
        || !IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address)
        || NetworkAddresses.IsPublic(address);
}

/// <summary>Bound from the <c>Webhooks</c> section, like the delivery options: tests and local development allow private networks.</summary>
public sealed class WebhookRegistrationOptions
{
    public bool AllowPrivateNetworks { get; set; }
}

internal sealed class CreateWebhookHandler(IAppDbContext db, ICurrentUser user, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<CreateWebhookCommand, CreateWebhookResponse>
{
    public async ValueTask<CreateWebhookResponse> Handle(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        var actor = user.RequireMember();
        var webhook = new Webhook
        {
            Id = Guid.CreateVersion7(),
            Url = command.Request.Url.Trim(),
            EventTypes = [.. (command.Request.EventTypes ?? []).Distinct(StringComparer.Ordinal)],
            Secret = WebhookSignature.NewSecret(),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor.UserId,
        };
        db.Webhooks.Add(webhook);
        // The secret stays out of the audit log: it is a credential.
        audit.Record("webhook.created", "Webhook", webhook.Id.ToString(), after: new { webhook.Url, webhook.EventTypes });
        await db.SaveChangesAsync(cancellationToken);
        return new CreateWebhookResponse(webhook.ToDto(), webhook.Secret);
    }
}

internal static class WebhookMapping
{
    public static WebhookDto ToDto(this Webhook w) => new(w.Id, w.Url, w.EventTypes, w.Active, w.CreatedAt, w.CreatedBy);
}
