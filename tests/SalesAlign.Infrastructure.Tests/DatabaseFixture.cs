using Microsoft.EntityFrameworkCore;
using SalesAlign.Domain.Tenancy;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Tests;

/// <summary>
/// One migrated database per provider, shared by a test class. Tests isolate themselves by creating fresh
/// tenants rather than by resetting, which keeps them independent and cheap.
/// </summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    /// <summary>Why the database is unavailable; set only outside build/test.sh, where a missing service may be tolerated.</summary>
    public string? UnavailableBecause { get; protected set; }

    /// <summary>A context acting as <paramref name="tenantId"/>, or with no tenant at all when null.</summary>
    public AppDbContext CreateContext(Guid? tenantId)
    {
        var tenant = new TenantContext();
        if (tenantId is { } id)
            tenant.Enter(id, $"t-{id:N}");
        return CreateContext(tenant);
    }

    protected abstract AppDbContext CreateContext(TenantContext tenant);

    /// <summary>A context on a database that exists but has no schema, for the migration test.</summary>
    public abstract Task<AppDbContext> CreateEmptyDatabaseAsync();

    public abstract Task DropEmptyDatabaseAsync(AppDbContext context);

    public async Task<Guid> CreateTenantAsync()
    {
        var id = Guid.NewGuid();
        await using var db = CreateContext(tenantId: null);
        db.Tenants.Add(new Tenant { Id = id, Slug = $"t-{id:N}", Name = "Test tenant", TimeZone = "Europe/Berlin" });
        await db.SaveChangesAsync();
        return id;
    }

    public async Task InitializeAsync()
    {
        await PrepareAsync();
        if (UnavailableBecause is not null)
            return;
        await using var db = CreateMigratorContext();
        await db.Database.MigrateAsync();
    }

    /// <summary>The context migrations run under: the schema owner, which may differ from the app's role.</summary>
    protected virtual AppDbContext CreateMigratorContext() => CreateContext(tenantId: null);

    protected abstract Task PrepareAsync();

    public abstract Task DisposeAsync();

    protected static DbContextOptions<TContext> WithTenancy<TContext>(DbContextOptionsBuilder<TContext> builder)
        where TContext : DbContext =>
        builder.AddInterceptors(new TenancySaveChangesInterceptor()).Options;
}
