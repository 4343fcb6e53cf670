using Microsoft.EntityFrameworkCore;
using SalesAlign.Domain.Auditing;
using SalesAlign.Domain.Live;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Infrastructure.Persistence;

/// <summary>
/// Gives the outbox rows (<see cref="OutboxEvent.Seq"/>) and audit entries (<see cref="AuditEntry.Seq"/>) of one
/// save their per-tenant numbers, inside the save's transaction, from the tenant's <see cref="TenantEventCounter"/>
/// row. A relative <c>UPDATE … SET Next = Next + n</c> takes the counter row's lock, so a second writer of the same
/// tenant waits for the first to commit or roll back and then counts on from its result: no duplicate, no conflict
/// to retry, and a rolled-back command gives its numbers back (no gap). Plain UPDATE then SELECT, no RETURNING, so it
/// reads the same on SQLite, PostgreSQL and SQL Server. Per tenant, never global: a public number must not reveal
/// how busy other tenants are (issue 10 item 12).
/// </summary>
internal static class TenantSequence
{
    public static bool HasPending(AppDbContext db) =>
        db.ChangeTracker.Entries<OutboxEvent>().Any(e => e.State == EntityState.Added && e.Entity.Seq == 0)
        || db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added && e.Entity.Seq == 0);

    public static async Task AssignAsync(AppDbContext db, CancellationToken ct)
    {
        var events = db.ChangeTracker.Entries<OutboxEvent>().Where(e => e.State == EntityState.Added && e.Entity.Seq == 0).Select(e => e.Entity).ToList();
        var audit = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added && e.Entity.Seq == 0).Select(e => e.Entity).ToList();
        if (events.Count == 0 && audit.Count == 0)
            return;
        var tenantId = db.CurrentTenantId
            ?? throw new InvalidOperationException("Outbox events and audit entries need a current tenant.");

        if (db.ChangeTracker.Entries<Tenant>().Any(e => e.State == EntityState.Added && e.Entity.Id == tenantId))
        {
            // A tenant created in this very save: nobody else can number its rows yet, and its counter row can only
            // be written after the tenant's, so it goes in with the save.
            Number(events, 1, (e, n) => e.Seq = n);
            Number(audit, 1, (a, n) => a.Seq = n);
            db.TenantEventCounters.Add(new TenantEventCounter { TenantId = tenantId, NextSeq = events.Count + 1, NextAuditSeq = audit.Count + 1 });
            return;
        }
        // One counter row, one increment and one read for both numbers: most commands write an event and an audit entry.
        var (firstEvent, firstAudit) = await ReserveAsync(db, tenantId, events.Count, audit.Count, ct);
        Number(events, firstEvent, (e, n) => e.Seq = n);
        Number(audit, firstAudit, (a, n) => a.Seq = n);
    }

    private static void Number<T>(List<T> rows, long first, Action<T, long> set)
    {
        foreach (var row in rows)
            set(row, first++);
    }

    /// <returns>The first of the consecutive event and audit numbers now reserved for this transaction.</returns>
    private static async Task<(long Events, long Audit)> ReserveAsync(AppDbContext db, Guid tenantId, int events, int audit, CancellationToken ct)
    {
        if (await IncrementAsync(db, tenantId, events, audit, ct) == 0)
        {
            await EnsureCounterAsync(db, tenantId, ct);
            if (await IncrementAsync(db, tenantId, events, audit, ct) != 1)
                throw new InvalidOperationException($"No sequence counter for tenant {tenantId}.");
        }
        var after = await db.TenantEventCounters.Where(c => c.TenantId == tenantId)
            .Select(c => new { c.NextSeq, c.NextAuditSeq }).SingleAsync(ct);
        return (after.NextSeq - events, after.NextAuditSeq - audit);
    }

    private static Task<int> IncrementAsync(AppDbContext db, Guid tenantId, int events, int audit, CancellationToken ct) =>
        db.TenantEventCounters.Where(c => c.TenantId == tenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextSeq, c => c.NextSeq + events)
                .SetProperty(c => c.NextAuditSeq, c => c.NextAuditSeq + audit), ct);

    /// <summary>
    /// The tenant's counter row, created on first use. Two first writers may race here, so the insert tolerates the
    /// other's row (waiting for it to commit on PostgreSQL) and the increments then serialize them as usual.
    /// </summary>
    private static Task<int> EnsureCounterAsync(AppDbContext db, Guid tenantId, CancellationToken ct) =>
        db.Database.IsSqlServer()
            ? db.Database.ExecuteSqlAsync($"""
                IF NOT EXISTS (SELECT 1 FROM [tenant_event_counters] WITH (UPDLOCK, HOLDLOCK) WHERE [TenantId] = {tenantId})
                  INSERT INTO [tenant_event_counters] ([TenantId], [NextSeq], [NextAuditSeq]) VALUES ({tenantId}, 1, 1)
                """, ct)
            : db.Database.ExecuteSqlAsync($"""
                INSERT INTO tenant_event_counters ("TenantId", "NextSeq", "NextAuditSeq") VALUES ({tenantId}, 1, 1)
                ON CONFLICT ("TenantId") DO NOTHING
                """, ct);
}
