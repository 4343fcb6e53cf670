using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Persistence;

// Used only by `dotnet ef migrations add`: no database is contacted, so the connection strings are placeholders.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSalesAlignSqlite("Data Source=design.db").Options, new TenantContext());
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseSalesAlignPostgres("Host=localhost;Database=salesalign").Options, new TenantContext());
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSalesAlignSqlServer("Server=localhost;Database=salesalign").Options, new TenantContext());
}
