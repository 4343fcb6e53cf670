using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Tests;

/// <summary>Data migrations, on a database that holds rows from before them.</summary>
public abstract partial class TenancyTests
{
    [Fact]
    public async Task Events_stored_with_enum_names_are_rewritten_camelCase_and_nothing_else_changes()
    {
        if (Unavailable()) return;
        await using var db = await fixture.CreateEmptyDatabaseAsync();
        try
        {
            var migrations = db.Database.GetMigrations().ToList();
            var rewrite = migrations.FindIndex(m => m.EndsWith("_WireSpellingOfStoredEvents", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(migrations[rewrite - 1]);
            var tenant = Guid.NewGuid();
            await db.Database.ExecuteSqlAsync($"""INSERT INTO tenants ("Id", "Slug", "Name", "TimeZone") VALUES ({tenant}, 'old-events', 'Old events', 'UTC')""");
            // As the old code wrote them: statuses by enum name (and a decision by its enum name, which the migration also
            // covers). A title that quotes one, a camelCase row and another event type stay exactly as they were.
            (string Type, string Before, string After)[] rows =
            [
                ("proposalCreated", """{"playbookId":"p","title":"\u0022status\u0022:\u0022Draft\u0022","status":"Draft"}""",
                    """{"playbookId":"p","title":"\u0022status\u0022:\u0022Draft\u0022","status":"draft"}"""),
                ("proposalStatusChanged", """{"from":"InReview","to":"ChangesRequested"}""", """{"from":"inReview","to":"changesRequested"}"""),
                ("reviewSubmitted", """{"decision":"RequestChanges","reviewerId":"sam","reviewId":"r"}""", """{"decision":"requestChanges","reviewerId":"sam","reviewId":"r"}"""),
                ("proposalStatusChanged", """{"from":"draft","to":"inReview"}""", """{"from":"draft","to":"inReview"}"""),
                ("commentAdded", """{"path":"/x","status":"Draft"}""", """{"path":"/x","status":"Draft"}"""),
            ];
            for (var i = 0; i < rows.Length; i++)
            {
                var (type, before, seq) = (rows[i].Type, rows[i].Before, i + 1L);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO outbox_events ("Id", "TenantId", "Seq", "Type", "At", "ActorId", "DataJson")
                    VALUES ({Guid.NewGuid()}, {tenant}, {seq}, {type}, {DateTimeOffset.UnixEpoch}, 'chris', {before})
                    """);
            }

            await db.Database.MigrateAsync();
            var stored = await db.OutboxEvents.IgnoreQueryFilters([TenantQueryFilter.Name]).Where(e => e.TenantId == tenant)
                .OrderBy(e => e.Seq).Select(e => e.DataJson).ToListAsync();

            stored.ShouldBe(rows.Select(r => r.After));
        }
        finally
        {
            await fixture.DropEmptyDatabaseAsync(db);
        }
    }
}
