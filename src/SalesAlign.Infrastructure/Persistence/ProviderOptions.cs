using Microsoft.EntityFrameworkCore;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Persistence;

/// <summary>One place per provider for options that the app, the design-time factories and the tests must share.</summary>
/// <remarks>
/// Each provider's migrations live in their own assembly (SalesAlign.Migrations.&lt;Provider&gt;), which references
/// this one; the host that migrates must reference that assembly too, or EF cannot load it when migrating.
/// </remarks>
public static class ProviderOptions
{
    public const string SqliteMigrationsAssembly = "SalesAlign.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "SalesAlign.Migrations.Postgres";
    public const string SqlServerMigrationsAssembly = "SalesAlign.Migrations.SqlServer";

    public static TBuilder UseSalesAlignSqlite<TBuilder>(this TBuilder builder, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
        return builder;
    }

    public static TBuilder UseSalesAlignPostgres<TBuilder>(this TBuilder builder, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly))
            .AddInterceptors(PostgresTenantSessionInterceptor.Instance);
        return builder;
    }

    public static TBuilder UseSalesAlignSqlServer<TBuilder>(this TBuilder builder, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(SqlServerMigrationsAssembly));
        return builder;
    }
}
