namespace SalesAlign.Domain.Webhooks;

/// <summary>
/// When a failed delivery is tried again: exponential steps (5 s, 30 s, 2 min, 10 min, 1 h, 6 h, 6 h) with up
/// to ±20 % jitter so that many deliveries failing together do not retry together; after
/// <see cref="MaxAttempts"/> attempts the delivery is given up.
/// </summary>
public static class WebhookRetrySchedule
{
    public const int MaxAttempts = 8;

    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(6),
    ];

    /// <summary>The base delay after the given number of failed attempts (1-based).</summary>
    public static TimeSpan BaseDelay(int failedAttempts) => Delays[Math.Clamp(failedAttempts, 1, Delays.Length) - 1];

    /// <summary>When to try again after <paramref name="failedAttempts"/> failures, or null when it is time to give up.</summary>
    /// <param name="jitter">A value in [0, 1); 0.5 means no jitter.</param>
    public static DateTimeOffset? NextAttempt(int failedAttempts, DateTimeOffset now, double jitter)
    {
        if (failedAttempts >= MaxAttempts)
            return null;
        var delay = BaseDelay(failedAttempts);
        return now + delay * (0.8 + 0.4 * jitter);
    }
}
