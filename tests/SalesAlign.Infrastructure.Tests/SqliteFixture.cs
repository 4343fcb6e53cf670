using Microsoft.EntityFrameworkCore;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Tests;

/// <summary>A real SQLite file per fixture, like the app's default, so connections are independent as in production.</summary>
public sealed class SqliteFixture : DatabaseFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("salesalign-sqlite-").FullName;

    private string ConnectionString(string file) => $"Data Source={Path.Combine(_folder, file)};Pooling=False";

    protected override AppDbContext CreateContext(TenantContext tenant) => Create(ConnectionString("tests.db"), tenant);

    public override Task<AppDbContext> CreateEmptyDatabaseAsync() =>
        Task.FromResult<AppDbContext>(Create(ConnectionString($"empty-{Guid.NewGuid():N}.db"), new TenantContext()));

    public override async Task DropEmptyDatabaseAsync(AppDbContext context) => await context.Database.EnsureDeletedAsync();

    protected override Task PrepareAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private static SqliteAppDbContext Create(string connectionString, TenantContext tenant) =>
        new(WithTenancy(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSalesAlignSqlite(connectionString)), tenant);
}
