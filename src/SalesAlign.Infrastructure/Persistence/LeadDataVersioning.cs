using Microsoft.EntityFrameworkCore;
using SalesAlign.Domain.Leads;

namespace SalesAlign.Infrastructure.Persistence;

/// <summary>
/// Bumps the tenant's <see cref="LeadDataVersion"/> inside the transaction of any save that adds, changes or
/// deletes leads or outcomes — the same relative-UPDATE pattern as the outbox counter, so concurrent writers of
/// a tenant serialise on the row and never lose a bump. Bulk writers that bypass the change tracker (the demo
/// seeder) call <see cref="BumpAsync"/> themselves.
/// </summary>
internal static class LeadDataVersioning
{
    public static bool HasLeadWrites(AppDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is Lead or LeadOutcome && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                return true;
        }
        return false;
    }

    public static async Task<long> BumpAsync(AppDbContext db, CancellationToken ct)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Lead writes need a current tenant.");
        if (await IncrementAsync(db, tenantId, ct) == 0)
        {
            await EnsureRowAsync(db, tenantId, ct);
            if (await IncrementAsync(db, tenantId, ct) != 1)
                throw new InvalidOperationException($"No lead-data version row for tenant {tenantId}.");
        }
        return await db.LeadDataVersions.Where(v => v.TenantId == tenantId).Select(v => v.Version).SingleAsync(ct);
    }

    private static Task<int> IncrementAsync(AppDbContext db, Guid tenantId, CancellationToken ct) =>
        db.LeadDataVersions.Where(v => v.TenantId == tenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, v => v.Version + 1), ct);

    private static Task<int> EnsureRowAsync(AppDbContext db, Guid tenantId, CancellationToken ct) =>
        db.Database.IsSqlServer()
            ? db.Database.ExecuteSqlAsync($"""
                IF NOT EXISTS (SELECT 1 FROM [lead_data_versions] WITH (UPDLOCK, HOLDLOCK) WHERE [TenantId] = {tenantId})
                  INSERT INTO [lead_data_versions] ([TenantId], [Version]) VALUES ({tenantId}, 0)
                """, ct)
            : db.Database.ExecuteSqlAsync($"""
                INSERT INTO lead_data_versions ("TenantId", "Version") VALUES ({tenantId}, 0)
                ON CONFLICT ("TenantId") DO NOTHING
                """, ct);
}
