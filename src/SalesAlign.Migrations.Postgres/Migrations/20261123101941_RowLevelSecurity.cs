using Microsoft.EntityFrameworkCore.Migrations;

namespace SalesAlign.Migrations.Postgres;

/// <summary>
/// Row-level security on the tenant's content, a second wall behind the EF filter: raw SQL, a forgotten
/// filter or a bug in an allow-listed bypass still sees only the tenant named in <c>app.tenant_id</c>
/// (set per connection by PostgresTenantSessionInterceptor). It binds only roles that neither own the tables
/// nor have BYPASSRLS, so the app runs as a member of <c>salesalign_runtime</c> and migrations as the owner.
/// Memberships are left out on purpose: "which tenants is this user in" reads across tenants by design
/// (CrossTenantQueries); they get a user-scoped policy when a user context exists.
/// </summary>
public partial class RowLevelSecurity : Migration
{
    internal const string RuntimeRole = "salesalign_runtime";

    private static readonly string[] TenantTables = ["playbooks", "playbook_versions", "audit_entries"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Creating the role needs CREATEROLE; where it already exists (provisioned by ops or build/test.sh) it does not.
        migrationBuilder.Sql($"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{RuntimeRole}') THEN
                CREATE ROLE {RuntimeRole} NOLOGIN;
              END IF;
            END $$;
            GRANT USAGE ON SCHEMA public TO {RuntimeRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {RuntimeRole};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {RuntimeRole};
            REVOKE ALL ON "__EFMigrationsHistory" FROM {RuntimeRole};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {RuntimeRole};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {RuntimeRole};
            """);
        Enable(migrationBuilder, TenantTables);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => Disable(migrationBuilder, TenantTables);

    /// <summary>Puts the tenant policy on tables; later migrations call it for every new tenant table.</summary>
    internal static void Enable(MigrationBuilder migrationBuilder, IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            // NULLIF: an unset or cleared setting reads as '', which must mean "no tenant", not a cast error.
            migrationBuilder.Sql($"""
                ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON {table}
                  USING ("TenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
                  WITH CHECK ("TenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
                """);
        }
    }

    internal static void Disable(MigrationBuilder migrationBuilder, IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            migrationBuilder.Sql($"""
                DROP POLICY IF EXISTS tenant_isolation ON {table};
                ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
                """);
        }
    }
}
