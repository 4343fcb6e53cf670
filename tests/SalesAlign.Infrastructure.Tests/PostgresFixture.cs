using Microsoft.EntityFrameworkCore;
using Npgsql;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Tests;

/// <summary>
/// The PostgreSQL server build/test.sh starts: tests act as the app role (SALESALIGN_TEST_POSTGRES), bound by
/// row-level security; each fixture migrates a database of its own as the owner (SALESALIGN_TEST_POSTGRES_OWNER)
/// and drops it afterwards. Under build/test.sh (SALESALIGN_TEST_RUN=1) a missing server fails
/// every test; elsewhere the tests return early and say why.
/// </summary>
public sealed class PostgresFixture : DatabaseFixture
{
    public const string Variable = "SALESALIGN_TEST_POSTGRES";
    public const string OwnerVariable = "SALESALIGN_TEST_POSTGRES_OWNER";

    private readonly string _database = $"salesalign_{Guid.NewGuid():N}";
    private string _app = "";
    private string _owner = "";

    private static string ConnectionString(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString;

    protected override AppDbContext CreateContext(TenantContext tenant) => Create(ConnectionString(_app, _database), tenant);

    protected override AppDbContext CreateMigratorContext() => CreateOwnerContext(tenantId: null);

    /// <summary>As the tables' owner, which row-level security does not bind: the control that rows exist at all.</summary>
    public AppDbContext CreateOwnerContext(Guid? tenantId)
    {
        var tenant = new TenantContext();
        if (tenantId is { } id)
            tenant.Enter(id, $"t-{id:N}");
        return Create(ConnectionString(_owner, _database), tenant);
    }

    public override Task<AppDbContext> CreateEmptyDatabaseAsync() =>
        Task.FromResult<AppDbContext>(Create(ConnectionString(_owner, $"salesalign_empty_{Guid.NewGuid():N}"), new TenantContext()));

    public override async Task DropEmptyDatabaseAsync(AppDbContext context) => await context.Database.EnsureDeletedAsync();

    protected override Task PrepareAsync()
    {
        _app = Environment.GetEnvironmentVariable(Variable) ?? "";
        _owner = Environment.GetEnvironmentVariable(OwnerVariable) ?? "";
        if (_app.Length == 0 || _owner.Length == 0)
        {
            if (Environment.GetEnvironmentVariable("SALESALIGN_TEST_RUN") == "1")
                throw new InvalidOperationException($"build/test.sh ran but {Variable} or {OwnerVariable} is not set: PostgreSQL did not start.");
            UnavailableBecause = $"{Variable} or {OwnerVariable} is not set; run build/test.sh to test against a real PostgreSQL.";
        }
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        if (UnavailableBecause is not null)
            return;
        await using var db = CreateOwnerContext(tenantId: null);
        await db.Database.EnsureDeletedAsync();
    }

    private static PostgresAppDbContext Create(string connectionString, TenantContext tenant) =>
        new(WithTenancy(new DbContextOptionsBuilder<PostgresAppDbContext>().UseSalesAlignPostgres(connectionString)), tenant);
}
