using Microsoft.EntityFrameworkCore;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Persistence;

/// <summary>One place per provider for options that the app, the design-time factories and the tests must share.</summary>
public static class ProviderOptions
{
    public static TBuilder UseSalesAlignSqlite<TBuilder>(this TBuilder builder, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        builder.UseSqlite(connectionString);
        return builder;
    }

    public static TBuilder UseSalesAlignPostgres<TBuilder>(this TBuilder builder, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        builder.UseNpgsql(connectionString).AddInterceptors(PostgresTenantSessionInterceptor.Instance);
        return builder;
    }

    public static TBuilder UseSalesAlignSqlServer<TBuilder>(this TBuilder builder, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        builder.UseSqlServer(connectionString);
        return builder;
    }
}
