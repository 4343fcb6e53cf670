using Microsoft.EntityFrameworkCore;
using SalesAlign.Domain.Live;
using SalesAlign.Infrastructure.Persistence;

namespace SalesAlign.Infrastructure.Outbox;

/// <summary>
/// Gives the outbox rows of one save their per-tenant <see cref="OutboxEvent.Seq"/>, inside the save's
/// transaction. A relative <c>UPDATE … SET NextSeq = NextSeq + n</c> takes the counter row's lock, so a second
/// writer of the same tenant waits for the first to commit or roll back and then counts on from its result:
/// no duplicate, no conflict to retry, and a rolled-back command gives its numbers back (no gap). Plain
/// UPDATE then SELECT, no RETURNING, so it reads the same on SQLite, PostgreSQL and SQL Server.
/// </summary>
internal static class OutboxSequence
{
    public static bool HasPending(AppDbContext db) =>
        db.ChangeTracker.Entries<OutboxEvent>().Any(e => e.State == EntityState.Added && e.Entity.Seq == 0);

    public static async Task AssignAsync(AppDbContext db, CancellationToken ct)
    {
        var pending = db.ChangeTracker.Entries<OutboxEvent>()
            .Where(e => e.State == EntityState.Added && e.Entity.Seq == 0)
            .Select(e => e.Entity)
            .ToList();
        if (pending.Count == 0)
            return;
        var tenantId = db.CurrentTenantId
            ?? throw new InvalidOperationException("Outbox events need a current tenant.");

        var next = await ReserveAsync(db, tenantId, pending.Count, ct);
        foreach (var e in pending)
            e.Seq = next++;
    }

    /// <returns>The first of <paramref name="count"/> consecutive numbers now reserved for this transaction.</returns>
    private static async Task<long> ReserveAsync(AppDbContext db, Guid tenantId, int count, CancellationToken ct)
    {
        if (await IncrementAsync(db, tenantId, count, ct) == 0)
        {
            // First event of this tenant. Two first writers may race here, so the insert tolerates the other's row
            // (waiting for it to commit on PostgreSQL) and the increment below then serializes them as usual.
            await EnsureCounterAsync(db, tenantId, ct);
            if (await IncrementAsync(db, tenantId, count, ct) != 1)
                throw new InvalidOperationException($"No event counter for tenant {tenantId}.");
        }
        var after = await db.TenantEventCounters.Where(c => c.TenantId == tenantId).Select(c => c.NextSeq).SingleAsync(ct);
        return after - count;
    }

    private static Task<int> IncrementAsync(AppDbContext db, Guid tenantId, int count, CancellationToken ct) =>
        db.TenantEventCounters.Where(c => c.TenantId == tenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextSeq, c => c.NextSeq + count), ct);

    private static Task<int> EnsureCounterAsync(AppDbContext db, Guid tenantId, CancellationToken ct) =>
        db.Database.IsSqlServer()
            ? db.Database.ExecuteSqlAsync($"""
                IF NOT EXISTS (SELECT 1 FROM [tenant_event_counters] WITH (UPDLOCK, HOLDLOCK) WHERE [TenantId] = {tenantId})
                  INSERT INTO [tenant_event_counters] ([TenantId], [NextSeq]) VALUES ({tenantId}, 1)
                """, ct)
            : db.Database.ExecuteSqlAsync($"""
                INSERT INTO tenant_event_counters ("TenantId", "NextSeq") VALUES ({tenantId}, 1)
                ON CONFLICT ("TenantId") DO NOTHING
                """, ct);
}
