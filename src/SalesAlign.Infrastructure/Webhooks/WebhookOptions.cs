namespace SalesAlign.Infrastructure.Webhooks;

/// <summary>Configuration section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Whether the worker sends deliveries at all (deliveries are still recorded when false).</summary>
    public bool Deliver { get; set; } = true;

    /// <summary>Lets deliveries reach loopback and private addresses: for tests and local development only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sends in flight at once across all tenants, so a few dead endpoints cannot hold every slot for long.</summary>
    public int MaxConcurrentSends { get; set; } = 32;
}
