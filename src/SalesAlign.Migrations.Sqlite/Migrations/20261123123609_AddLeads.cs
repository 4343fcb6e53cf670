using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesAlign.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddLeads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "idempotent_requests",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponseJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotent_requests", x => new { x.TenantId, x.Key });
                    table.ForeignKey(
                        name: "FK_idempotent_requests_tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lead_data_versions",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lead_data_versions", x => x.TenantId);
                    table.ForeignKey(
                        name: "FK_lead_data_versions_tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lead_rescore_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlaybookId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Processed = table.Column<int>(type: "INTEGER", nullable: false),
                    Changed = table.Column<int>(type: "INTEGER", nullable: false),
                    LastLeadId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lead_rescore_jobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lead_rescore_jobs_playbooks_TenantId_PlaybookId",
                        columns: x => new { x.TenantId, x.PlaybookId },
                        principalTable: "playbooks",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "leads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PlaybookId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FieldsJson = table.Column<string>(type: "TEXT", nullable: false),
                    EventsJson = table.Column<string>(type: "TEXT", nullable: false),
                    EventCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    MqlAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    MqlVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    MqlPlaybookId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FirstContactAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    SqlAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    RejectedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OpportunityAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    WonAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LostAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leads", x => x.Id);
                    table.UniqueConstraint("AK_leads_TenantId_Id", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_leads_playbooks_TenantId_PlaybookId",
                        columns: x => new { x.TenantId, x.PlaybookId },
                        principalTable: "playbooks",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "lead_outcomes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeadId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    MqlPlaybookId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MqlVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lead_outcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lead_outcomes_leads_TenantId_LeadId",
                        columns: x => new { x.TenantId, x.LeadId },
                        principalTable: "leads",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lead_score_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeadId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlaybookId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoredAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    FitScore = table.Column<double>(type: "REAL", nullable: false),
                    FitGrade = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EngagementScore = table.Column<double>(type: "REAL", nullable: false),
                    IsMql = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsSqlReady = table.Column<bool>(type: "INTEGER", nullable: false),
                    Route = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lead_score_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lead_score_changes_leads_TenantId_LeadId",
                        columns: x => new { x.TenantId, x.LeadId },
                        principalTable: "leads",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lead_scores",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeadId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlaybookId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoredAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    FitScore = table.Column<double>(type: "REAL", nullable: false),
                    FitGrade = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EngagementScore = table.Column<double>(type: "REAL", nullable: false),
                    IsMql = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsSqlReady = table.Column<bool>(type: "INTEGER", nullable: false),
                    Route = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lead_scores", x => new { x.TenantId, x.LeadId, x.PlaybookId });
                    table.ForeignKey(
                        name: "FK_lead_scores_leads_TenantId_LeadId",
                        columns: x => new { x.TenantId, x.LeadId },
                        principalTable: "leads",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_lead_scores_playbooks_TenantId_PlaybookId",
                        columns: x => new { x.TenantId, x.PlaybookId },
                        principalTable: "playbooks",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_idempotent_requests_TenantId_CreatedAt",
                table: "idempotent_requests",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_lead_outcomes_TenantId_LeadId_OccurredAt",
                table: "lead_outcomes",
                columns: new[] { "TenantId", "LeadId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_lead_rescore_jobs_TenantId_PlaybookId",
                table: "lead_rescore_jobs",
                columns: new[] { "TenantId", "PlaybookId" });

            migrationBuilder.CreateIndex(
                name: "IX_lead_rescore_jobs_TenantId_Status",
                table: "lead_rescore_jobs",
                columns: new[] { "TenantId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_lead_score_changes_TenantId_LeadId_Id",
                table: "lead_score_changes",
                columns: new[] { "TenantId", "LeadId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_lead_scores_TenantId_PlaybookId_LeadId",
                table: "lead_scores",
                columns: new[] { "TenantId", "PlaybookId", "LeadId" });

            migrationBuilder.CreateIndex(
                name: "IX_leads_TenantId_CreatedAt",
                table: "leads",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_leads_TenantId_ExternalId",
                table: "leads",
                columns: new[] { "TenantId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_leads_TenantId_MqlAt",
                table: "leads",
                columns: new[] { "TenantId", "MqlAt" });

            migrationBuilder.CreateIndex(
                name: "IX_leads_TenantId_PlaybookId",
                table: "leads",
                columns: new[] { "TenantId", "PlaybookId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotent_requests");

            migrationBuilder.DropTable(
                name: "lead_data_versions");

            migrationBuilder.DropTable(
                name: "lead_outcomes");

            migrationBuilder.DropTable(
                name: "lead_rescore_jobs");

            migrationBuilder.DropTable(
                name: "lead_score_changes");

            migrationBuilder.DropTable(
                name: "lead_scores");

            migrationBuilder.DropTable(
                name: "leads");
        }
    }
}
