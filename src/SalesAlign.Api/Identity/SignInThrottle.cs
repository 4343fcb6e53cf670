using System.Collections.Concurrent;

namespace SalesAlign.Api.Identity;

/// <summary>
/// Slows password guessing per account and client address, without ever locking the account itself: failures
/// from one address delay only that address's next attempts at that account, so the owner signing in from
/// elsewhere is unaffected. <see cref="FreeFailures"/> failures are free; from then on each failure makes the next
/// attempt wait <see cref="FirstDelay"/>, doubling, at most <see cref="MaxDelay"/>. A success clears the record.
/// </summary>
/// <remarks>
/// An attempt is counted when it starts (and forgiven when it succeeds), so a burst of parallel guesses cannot
/// slip past the count before the first answer. State is per instance (in memory): behind N instances an attacker
/// gets at most N times the attempts, still a growing delay each.
/// </remarks>
internal sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    /// <summary>A record without a failure for this long is forgotten.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromHours(24);

    /// <summary>Bounds the memory a spray of made-up accounts can take; beyond it, forgotten and idle records go first.</summary>
    public const int MaxTracked = 100_000;

    private readonly ConcurrentDictionary<string, Record> _records = new(StringComparer.Ordinal);

    /// <summary>The key of an account (already normalized) at a client address.</summary>
    public static string KeyOf(string normalizedLogin, System.Net.IPAddress? address) => $"{normalizedLogin}|{address}";

    /// <summary>Starts an attempt: null when it may go ahead (and is counted), else how long the caller must wait.</summary>
    public TimeSpan? TryBegin(string key)
    {
        var now = clock.GetUtcNow();
        if (_records.Count >= MaxTracked && !_records.ContainsKey(key))
            Sweep(now);
        var record = _records.GetOrAdd(key, _ => new Record());
        lock (record)
        {
            if (record.BlockedUntil > now)
                return record.BlockedUntil - now;
            record.Failures++;
            record.LastFailure = now;
            if (record.Failures >= FreeFailures)
                record.BlockedUntil = now + DelayAfter(record.Failures);
            return null;
        }
    }

    /// <summary>The attempt succeeded: its account and address start afresh.</summary>
    public void Succeeded(string key) => _records.TryRemove(key, out _);

    /// <summary>How long the next attempt waits after this many consecutive failures.</summary>
    public static TimeSpan DelayAfter(int failures)
    {
        if (failures < FreeFailures)
            return TimeSpan.Zero;
        var doublings = Math.Min(failures - FreeFailures, 20);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay < MaxDelay ? delay : MaxDelay;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, record) in _records)
        {
            if (record.LastFailure + Memory < now)
                _records.TryRemove(key, out _);
        }
        if (_records.Count < MaxTracked)
            return;
        // Still full of live records: keep the ones that are holding an attacker back right now.
        foreach (var (key, record) in _records)
        {
            if (record.BlockedUntil <= now)
                _records.TryRemove(key, out _);
        }
    }

    private sealed class Record
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset BlockedUntil;
    }
}
