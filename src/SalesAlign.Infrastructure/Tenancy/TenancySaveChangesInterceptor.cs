using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SalesAlign.Domain.Tenancy;
using SalesAlign.Infrastructure.Persistence;

namespace SalesAlign.Infrastructure.Tenancy;

/// <summary>
/// The write side of tenancy, checked before any SQL is sent so a refused save writes nothing: stamps the
/// current tenant on added rows, refuses foreign or tenant-less writes, refuses updates and deletes of
/// insert-only rows. Nothing else: aggregates change their own revisions, and what follows a commit goes
/// through <see cref="AfterCommitWork"/>.
/// </summary>
public sealed class TenancySaveChangesInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Apply(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Apply(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Apply(DbContext? context)
    {
        if (context is not AppDbContext app)
            return;
        var tenantId = app.CurrentTenantId;
        foreach (var entry in app.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            if (entry.Entity is IInsertOnly && entry.State is not EntityState.Added)
                throw new InsertOnlyViolationException($"{entry.Metadata.ClrType.Name} rows are insert-only; refusing {entry.State}.");
            if (entry.Entity is ITenantOwned owned)
                CheckTenant(entry, owned, tenantId);
        }
    }

    private static void CheckTenant(EntityEntry entry, ITenantOwned owned, Guid? tenantId)
    {
        var type = entry.Metadata.ClrType.Name;
        if (tenantId is not { } current)
            throw new TenantMismatchException($"Refusing to {entry.State} a {type} with no current tenant.");
        if (entry.State == EntityState.Added && owned.TenantId == Guid.Empty)
            owned.TenantId = current;
        var original = entry.State == EntityState.Added
            ? owned.TenantId
            : (Guid)entry.Property(nameof(ITenantOwned.TenantId)).OriginalValue!;
        if (owned.TenantId != current || original != current)
            throw new TenantMismatchException($"Refusing to {entry.State} a {type} of another tenant.");
    }
}
