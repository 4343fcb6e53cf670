using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Migrations.SqlServer;

// Used only by `dotnet ef migrations add` with this project as its own startup project: no database is
// contacted, so the connection string is a placeholder.
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSalesAlignSqlServer("Server=localhost;Database=salesalign").Options, new TenantContext());
}
