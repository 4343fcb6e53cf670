using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Webhooks;

/// <summary>
/// A tenant's endpoint that receives signed copies of live events. The secret is stored because every
/// delivery is signed with it; it is returned once, by the request that creates the webhook.
/// </summary>
public sealed class Webhook : ITenantOwned
{
    public const int MaxUrlLength = 2000;

    public Guid TenantId { get; set; }

    public Guid Id { get; init; }

    public required string Url { get; set; }

    /// <summary>The subscribed event types; empty means every type.</summary>
    public List<string> EventTypes { get; set; } = [];

    public required string Secret { get; set; }

    /// <summary>The secret before the last rotation, still signed with until it expires, so receivers can switch over.</summary>
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public bool Active { get; set; } = true;

    public bool Wants(string eventType) => Active && (EventTypes.Count == 0 || EventTypes.Contains(eventType));

    /// <summary>The secrets a delivery made at <paramref name="now"/> is signed with: current first.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is { } previous && PreviousSecretExpiresAt > now ? [Secret, previous] : [Secret];
}

public enum WebhookDeliveryStatus { Pending, Succeeded, Failed }

/// <summary>One event sent (or to be sent) to one webhook, with the outcome of its latest attempt.</summary>
public sealed class WebhookDelivery : ITenantOwned
{
    public const int MaxResponseExcerptLength = 1024;
    public const int MaxErrorLength = 1000;

    public Guid TenantId { get; set; }

    public Guid Id { get; init; }

    public Guid WebhookId { get; init; }

    public long EventSeq { get; init; }

    public required string EventType { get; init; }

    /// <summary>The exact body sent on every attempt, so a retry carries the same bytes and the same <c>webhook-id</c>.</summary>
    public required string Payload { get; init; }

    public int Attempts { get; set; }

    public WebhookDeliveryStatus Status { get; set; } = WebhookDeliveryStatus.Pending;

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public int? LastStatusCode { get; set; }

    public string? ResponseExcerpt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
