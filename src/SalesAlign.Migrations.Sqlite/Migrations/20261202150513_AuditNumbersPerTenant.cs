using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesAlign.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditNumbersPerTenant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_entries_TenantId_Id",
                table: "audit_entries");

            migrationBuilder.AddColumn<long>(
                name: "NextAuditSeq",
                table: "tenant_event_counters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<long>(
                name: "Seq",
                table: "audit_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Number the existing log per tenant in its old order, then let each tenant's counter go on from there.
            migrationBuilder.Sql("""
                UPDATE audit_entries SET "Seq" = (
                  SELECT n.seq FROM (SELECT "Id", ROW_NUMBER() OVER (PARTITION BY "TenantId" ORDER BY "Id") AS seq FROM audit_entries) n
                  WHERE n."Id" = audit_entries."Id");
                INSERT INTO tenant_event_counters ("TenantId", "NextSeq", "NextAuditSeq")
                SELECT "TenantId", 1, MAX("Seq") + 1 FROM audit_entries WHERE true GROUP BY "TenantId"
                ON CONFLICT ("TenantId") DO UPDATE SET "NextAuditSeq" = excluded."NextAuditSeq";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_TenantId_Seq",
                table: "audit_entries",
                columns: new[] { "TenantId", "Seq" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_entries_TenantId_Seq",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "NextAuditSeq",
                table: "tenant_event_counters");

            migrationBuilder.DropColumn(
                name: "Seq",
                table: "audit_entries");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_TenantId_Id",
                table: "audit_entries",
                columns: new[] { "TenantId", "Id" });
        }
    }
}
