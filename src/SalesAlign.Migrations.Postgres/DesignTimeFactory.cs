using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Migrations.Postgres;

// Used only by `dotnet ef migrations add` with this project as its own startup project: no database is
// contacted, so the connection string is a placeholder.
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseSalesAlignPostgres("Host=localhost;Database=salesalign").Options, new TenantContext());
}
