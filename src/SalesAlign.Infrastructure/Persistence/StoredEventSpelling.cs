using Microsoft.EntityFrameworkCore.Migrations;

namespace SalesAlign.Infrastructure.Persistence;

/// <summary>
/// Rewrites events stored before enum values had one spelling on the wire (decision 0048): proposal statuses in
/// <c>proposalCreated</c> / <c>proposalStatusChanged</c> and review decisions in <c>reviewSubmitted</c> become
/// camelCase, so <c>/events</c> catch-up and webhook redeliveries speak as new events do. The values are listed
/// here, not read from the enums, so the migration means the same thing forever. Plain SQL every provider runs.
/// </summary>
public static class StoredEventSpelling
{
    private static readonly string[] Statuses = ["Draft", "InReview", "ChangesRequested", "Approved", "Published", "Withdrawn", "Rejected"];
    private static readonly string[] Decisions = ["Approve", "RequestChanges", "Reject"];

    public static void ToCamelCase(MigrationBuilder migration)
    {
        foreach (var status in Statuses)
            foreach (var key in (string[])["status", "from", "to"])
                Replace(migration, "'proposalCreated', 'proposalStatusChanged'", key, status);
        foreach (var decision in Decisions)
            Replace(migration, "'reviewSubmitted'", "decision", decision);
    }

    private static void Replace(MigrationBuilder migration, string types, string key, string value)
    {
        var camel = char.ToLowerInvariant(value[0]) + value[1..];
        migration.Sql($"""
            UPDATE outbox_events SET "DataJson" = REPLACE("DataJson", '"{key}":"{value}"', '"{key}":"{camel}"')
            WHERE "Type" IN ({types})
            """);
    }
}
