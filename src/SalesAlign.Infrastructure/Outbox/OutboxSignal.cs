namespace SalesAlign.Infrastructure.Outbox;

/// <summary>
/// Wakes this instance's <see cref="OutboxDispatcher"/> when a transaction that wrote outbox rows commits, so a
/// change is dispatched at once instead of at the next poll (docs/decisions/0013). Polling stays: it is how rows
/// committed by other instances, or missed while this one was busy, are found. Notified by
/// <see cref="Persistence.AfterCommitInterceptor"/> after a commit that wrote outbox rows.
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    // At most one pending wake-up: any number of commits during a pass are covered by the next pass.
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    /// <summary>Completes when notified or after <paramref name="timeout"/> on <paramref name="clock"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var notified = _pending.WaitAsync(either.Token);
        var elapsed = Task.Delay(timeout, clock, either.Token);
        await Task.WhenAny(notified, elapsed).ConfigureAwait(false);
        await either.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(notified, elapsed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        ct.ThrowIfCancellationRequested();
    }

    public void Dispose() => _pending.Dispose();
}
