namespace SalesAlign.Contracts.Webhooks;

/// <summary>Registers an endpoint for live events.</summary>
/// <param name="Url">An absolute http(s) URL that resolves to a public address.</param>
/// <param name="EventTypes">Event types (see <c>LiveEventTypes</c>) to receive; empty or null means all.</param>
public sealed record CreateWebhookRequest(string Url, IReadOnlyList<string>? EventTypes);

/// <summary>A registered webhook, without its secret.</summary>
public sealed record WebhookDto(Guid Id, string Url, IReadOnlyList<string> EventTypes, bool Active, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>The answer to creating a webhook: the only time the signing secret is shown.</summary>
public sealed record CreateWebhookResponse(WebhookDto Webhook, string Secret);

/// <summary>One event's delivery to a webhook and the outcome of its latest attempt.</summary>
/// <param name="Status"><c>pending</c>, <c>succeeded</c> or <c>failed</c> (gave up after the last retry).</param>
/// <param name="ResponseExcerpt">The start of the receiver's last response body, at most 1 KB.</param>
public sealed record WebhookDeliveryDto(
    Guid Id, Guid WebhookId, long EventSeq, string EventType, string Status, int Attempts, DateTimeOffset? NextAttemptAt,
    string? LastError, int? LastStatusCode, string? ResponseExcerpt, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);

/// <summary>The answer to rotating a webhook's secret: the new secret, shown this once.</summary>
/// <param name="PreviousSecretExpiresAt">Until then deliveries are signed with both secrets.</param>
public sealed record RotateWebhookSecretResponse(string Secret, DateTimeOffset PreviousSecretExpiresAt);
