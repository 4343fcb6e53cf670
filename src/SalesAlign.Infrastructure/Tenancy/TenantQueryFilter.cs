using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Domain.Tenancy;
using SalesAlign.Infrastructure.Persistence;

namespace SalesAlign.Infrastructure.Tenancy;

public static class TenantQueryFilter
{
    /// <summary>
    /// The filter's name. Bypass it only by this name, so other named filters (soft delete, later) keep
    /// applying, and only in <see cref="CrossTenantQueries"/>.
    /// </summary>
    public const string Name = "Tenant";

    /// <summary>Adds the named tenant filter to every <see cref="ITenantOwned"/> entity of the model.</summary>
    internal static void ApplyTenantQueryFilter(this ModelBuilder modelBuilder, AppDbContext context)
    {
        // A constant of the context's own type is what EF swaps for the executing context at query time;
        // capturing an ITenantContext instead would freeze the first context's tenant into the cached model.
        var currentTenant = Expression.Property(Expression.Constant(context), nameof(AppDbContext.CurrentTenantId));
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (entityType.BaseType is not null || !typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType))
                continue;
            var row = Expression.Parameter(entityType.ClrType, "row");
            var rowTenant = Expression.Convert(Expression.Property(row, nameof(ITenantOwned.TenantId)), typeof(Guid?));
            var filter = Expression.Lambda(Expression.Equal(rowTenant, currentTenant), row);
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(Name, filter);
        }
    }
}
