using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Migrations.Sqlite;

// Used only by `dotnet ef migrations add` with this project as its own startup project: no database is
// contacted, so the connection string is a placeholder.
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSalesAlignSqlite("Data Source=design.db").Options, new TenantContext());
}
