using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesAlign.Migrations.SqlServer
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
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<long>(
                name: "Seq",
                table: "audit_entries",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Number the existing log per tenant in its old order, then let each tenant's counter go on from there.
            migrationBuilder.Sql("""
                WITH n AS (SELECT [Seq], ROW_NUMBER() OVER (PARTITION BY [TenantId] ORDER BY [Id]) AS seq FROM [audit_entries])
                UPDATE n SET [Seq] = seq;
                MERGE [tenant_event_counters] AS c
                USING (SELECT [TenantId], MAX([Seq]) + 1 AS next FROM [audit_entries] GROUP BY [TenantId]) AS a ON c.[TenantId] = a.[TenantId]
                WHEN MATCHED THEN UPDATE SET [NextAuditSeq] = a.next
                WHEN NOT MATCHED THEN INSERT ([TenantId], [NextSeq], [NextAuditSeq]) VALUES (a.[TenantId], 1, a.next);
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
