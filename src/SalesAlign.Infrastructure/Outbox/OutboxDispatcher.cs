using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Features.Live;
using SalesAlign.Contracts.Live;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Runs the dispatcher in this process (<c>Outbox:Dispatch</c>); test hosts that want quiet turn it off.</summary>
    public bool Dispatch { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Starts a pass as soon as a transaction of this instance that wrote events commits (<c>Outbox:WakeOnCommit</c>),
    /// instead of waiting for the next poll; off, only polling finds them (kept to measure the difference).
    /// </summary>
    public bool WakeOnCommit { get; set; } = true;

    /// <summary>How long a claim keeps other instances away; a crashed instance's events are picked up after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; set; } = 100;

    /// <summary>Names this process in <c>ClaimedBy</c>; unique per process unless configured.</summary>
    public string InstanceId { get; set; } = $"{Environment.MachineName}:{Guid.NewGuid():N}";
}

/// <summary>
/// Sends committed outbox rows to every <see cref="ILiveEventTarget"/>, per tenant in seq order, and marks them
/// dispatched. All state is in the table, so a restart resumes where it stopped. Several instances share the
/// table through leases: a claim is one UPDATE whose WHERE re-checks the claim columns, so of two instances
/// racing for a row exactly one gets it (PostgreSQL re-evaluates the WHERE after the other's commit; SQLite
/// serializes writers). Delivery is at least once (a target that throws, or a lease that outlives a slow
/// delivery, means a repeat); consumers dedupe by seq.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes, IEnumerable<ILiveEventTarget> targets, TimeProvider clock, IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> logger,
    OutboxSignal? signal = null)
    : BackgroundService
{
    private readonly ILiveEventTarget[] _targets = [.. targets];
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                failures = await DispatchOnceAsync(stoppingToken) < 0 ? failures + 1 : 0;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                logger.LogWarning(ex, "Outbox dispatch failed ({Failures} in a row).", failures);
            }
            // Back off exponentially while something keeps failing, up to 32 poll intervals.
            var delay = _options.PollInterval * (1 << Math.Min(failures, 5));
            try
            {
                // A commit cuts the wait short, but not a backoff: a failing target gets its pause.
                if (failures == 0 && _options.WakeOnCommit && signal is not null)
                    await signal.WaitAsync(delay, clock, stoppingToken);
                else
                    await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over every tenant. Returns the number of events delivered, or -1 if any tenant's delivery failed.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        List<(Guid Id, string Slug)> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            tenants = [.. (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(ct)).Select(t => (t.Id, t.Slug))];
        }
        var delivered = 0;
        var failed = false;
        foreach (var (id, slug) in tenants)
        {
            try
            {
                delivered += await DispatchTenantAsync(id, slug, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // One tenant's failure (a target down) must not hold the others back.
                failed = true;
                logger.LogWarning(ex, "Outbox dispatch for tenant {Tenant} failed; its events stay undispatched for a retry.", slug);
            }
        }
        return failed ? -1 : delivered;
    }

    // Per tenant, in the tenant's own scope: the tenant filter and PostgreSQL's row-level security both apply,
    // so the dispatcher needs no bypass of either.
    private async Task<int> DispatchTenantAsync(Guid tenantId, string slug, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId, slug);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var me = _options.InstanceId;
        var now = clock.GetUtcNow();

        var candidates = await db.OutboxEvents
            .Where(e => e.DispatchedAt == null && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .OrderBy(e => e.Seq).Select(e => e.Id).Take(_options.BatchSize).ToListAsync(ct);
        if (candidates.Count > 0)
        {
            var until = now + _options.Lease;
            await db.OutboxEvents
                .Where(e => candidates.Contains(e.Id) && e.DispatchedAt == null && (e.ClaimedUntil == null || e.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, me).SetProperty(e => e.ClaimedUntil, until), ct);
        }

        var mine = await db.OutboxEvents.AsNoTracking()
            .Where(e => e.ClaimedBy == me && e.DispatchedAt == null && e.ClaimedUntil > now)
            .OrderBy(e => e.Seq).ToListAsync(ct);
        if (mine.Count == 0)
            return 0;

        // Order across instances: deliver only an unbroken run that starts at the tenant's oldest undispatched
        // event. Whatever sits before or between is held by another instance; give the rest back and let it finish.
        var first = mine[0].Seq;
        var run = await db.OutboxEvents.AnyAsync(e => e.DispatchedAt == null && e.Seq < first, ct)
            ? []
            : mine.TakeWhile((e, i) => e.Seq == first + i).ToList();
        var runIds = run.Select(e => e.Id).ToList();
        if (run.Count < mine.Count)
            await ReleaseAsync(db, [.. mine.Select(e => e.Id).Except(runIds)], ct);
        if (run.Count == 0)
            return 0;

        var events = run.Select(e => e.ToDto(slug)).ToList();
        try
        {
            foreach (var target in _targets)
                await target.DeliverAsync(tenantId, events, ct);
        }
        catch
        {
            await ReleaseAsync(db, runIds, CancellationToken.None);
            throw;
        }

        var dispatchedAt = clock.GetUtcNow();
        await db.OutboxEvents.Where(e => runIds.Contains(e.Id) && e.ClaimedBy == me)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DispatchedAt, dispatchedAt).SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)null), ct);
        return run.Count;
    }

    private Task<int> ReleaseAsync(AppDbContext db, List<Guid> ids, CancellationToken ct) =>
        db.OutboxEvents.Where(e => ids.Contains(e.Id) && e.ClaimedBy == _options.InstanceId && e.DispatchedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, (string?)null).SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)null), ct);
}
