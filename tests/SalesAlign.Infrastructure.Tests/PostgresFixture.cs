using Microsoft.EntityFrameworkCore;
using Npgsql;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Tests;

/// <summary>
/// The PostgreSQL server build/test.sh starts (SALESALIGN_TEST_POSTGRES). Each fixture migrates a database
/// of its own and drops it afterwards. Under build/test.sh (SALESALIGN_TEST_RUN=1) a missing server fails
/// every test; elsewhere the tests return early and say why.
/// </summary>
public sealed class PostgresFixture : DatabaseFixture
{
    public const string Variable = "SALESALIGN_TEST_POSTGRES";

    private readonly string _database = $"salesalign_{Guid.NewGuid():N}";
    private string _server = "";

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_server) { Database = database, Pooling = false }.ConnectionString;

    protected override AppDbContext CreateContext(TenantContext tenant) => Create(ConnectionString(_database), tenant);

    public override Task<AppDbContext> CreateEmptyDatabaseAsync() =>
        Task.FromResult<AppDbContext>(Create(ConnectionString($"salesalign_empty_{Guid.NewGuid():N}"), new TenantContext()));

    public override async Task DropEmptyDatabaseAsync(AppDbContext context) => await context.Database.EnsureDeletedAsync();

    protected override Task PrepareAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            if (Environment.GetEnvironmentVariable("SALESALIGN_TEST_RUN") == "1")
                throw new InvalidOperationException($"build/test.sh ran but {Variable} is not set: PostgreSQL did not start.");
            UnavailableBecause = $"{Variable} is not set; run build/test.sh to test against a real PostgreSQL.";
        }
        _server = server ?? "";
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        if (UnavailableBecause is not null)
            return;
        await using var db = CreateContext(tenantId: null);
        await db.Database.EnsureDeletedAsync();
    }

    private static PostgresAppDbContext Create(string connectionString, TenantContext tenant) =>
        new(WithTenancy(new DbContextOptionsBuilder<PostgresAppDbContext>().UseSalesAlignPostgres(connectionString)), tenant);
}
