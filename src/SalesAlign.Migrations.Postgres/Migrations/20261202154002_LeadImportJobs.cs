using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesAlign.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeadImportJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "lead_import_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlaybookId = table.Column<Guid>(type: "uuid", nullable: false),
                    ColumnMapJson = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Bytes = table.Column<long>(type: "bigint", nullable: false),
                    BytesRead = table.Column<long>(type: "bigint", nullable: false),
                    CommittedLine = table.Column<long>(type: "bigint", nullable: false),
                    Rows = table.Column<long>(type: "bigint", nullable: false),
                    Created = table.Column<long>(type: "bigint", nullable: false),
                    Updated = table.Column<long>(type: "bigint", nullable: false),
                    Unchanged = table.Column<long>(type: "bigint", nullable: false),
                    RejectedCount = table.Column<long>(type: "bigint", nullable: false),
                    RejectedJson = table.Column<string>(type: "text", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lead_import_jobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lead_import_jobs_playbooks_TenantId_PlaybookId",
                        columns: x => new { x.TenantId, x.PlaybookId },
                        principalTable: "playbooks",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_lead_import_jobs_TenantId_PlaybookId",
                table: "lead_import_jobs",
                columns: new[] { "TenantId", "PlaybookId" });

            migrationBuilder.CreateIndex(
                name: "IX_lead_import_jobs_TenantId_Status",
                table: "lead_import_jobs",
                columns: new[] { "TenantId", "Status" });
            // The new tenant table gets the same policy as the others (see RowLevelSecurity).
            RowLevelSecurity.Enable(migrationBuilder, ["lead_import_jobs"]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            RowLevelSecurity.Disable(migrationBuilder, ["lead_import_jobs"]);
            migrationBuilder.DropTable(
                name: "lead_import_jobs");
        }
    }
}
