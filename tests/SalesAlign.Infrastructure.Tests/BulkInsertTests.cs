using Microsoft.EntityFrameworkCore;
using SalesAlign.Domain.Samples;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Seeding;
using Xunit.Abstractions;

namespace SalesAlign.Infrastructure.Tests;

/// <summary>The seed's bulk insert writes exactly what EF would: rows read back through EF equal what was generated.</summary>
public abstract class BulkInsertTests(DatabaseFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Bulk_inserted_demo_leads_read_back_through_EF_unchanged_and_bump_the_data_version()
    {
        if (fixture.UnavailableBecause is { } why)
        {
            output.WriteLine($"Not run: {why}");
            return;
        }
        var tenant = await fixture.CreateTenantAsync();
        var playbook = Rows.Playbook(tenant);
        await using (var db = fixture.CreateContext(tenant))
        {
            db.Playbooks.Add(playbook);
            await db.SaveChangesAsync();
        }
        var demo = DemoLeadGenerator.Generate(SamplePlaybooks.B2BSaas(), playbook.Id, 1, 300, 7, DateTimeOffset.UtcNow, "sam");
        demo.Leads.ForEach(l => l.TenantId = tenant);
        demo.Outcomes.ForEach(o => o.TenantId = tenant);
        demo.Scores.ForEach(s => s.TenantId = tenant);
        demo.History.ForEach(h => h.TenantId = tenant);

        await using (var db = fixture.CreateContext(tenant))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, demo.Leads, CancellationToken.None);
            await BulkInsert.InsertAsync(db, demo.Outcomes, CancellationToken.None);
            await BulkInsert.InsertAsync(db, demo.Scores, CancellationToken.None);
            await BulkInsert.InsertAsync(db, demo.History, CancellationToken.None);
            await LeadDataVersioning.BumpAsync(db, CancellationToken.None);
            await transaction.CommitAsync();
        }
        await using var read = fixture.CreateContext(tenant);
        var leads = await read.Leads.AsNoTracking().ToListAsync();
        var outcomes = await read.LeadOutcomes.AsNoTracking().ToListAsync();
        var history = await read.LeadScoreChanges.AsNoTracking().CountAsync();
        var version = await read.LeadDataVersions.SingleAsync();

        leads.Count.ShouldBe(300);
        var first = demo.Leads[0];
        var stored = leads.Single(l => l.Id == first.Id);
        // PostgreSQL keeps microseconds (EF's own inserts lose the same), SQLite every tick: compare to the microsecond.
        Micro(stored.ToFunnel()).ShouldBe(Micro(first.ToFunnel()));
        (stored.ExternalId, stored.FieldsJson, stored.EventsJson, stored.Revision).ShouldBe((first.ExternalId, first.FieldsJson, first.EventsJson, 1));
        outcomes.Select(o => (o.Id, o.Kind, Micro(o.OccurredAt), o.Amount, o.Reason)).OrderBy(o => o.Id)
            .ShouldBe(demo.Outcomes.Select(o => (o.Id, o.Kind, Micro(o.OccurredAt), o.Amount, o.Reason)).OrderBy(o => o.Id));
        history.ShouldBe(300);
        version.Version.ShouldBe(1);
    }

    private static DateTimeOffset Micro(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    private static DateTimeOffset? Micro(DateTimeOffset? t) => t is { } v ? Micro(v) : null;

    private static Domain.Leads.LeadFunnel Micro(Domain.Leads.LeadFunnel f) => f with
    {
        CreatedAt = Micro(f.CreatedAt), MqlAt = Micro(f.MqlAt), FirstContactAt = Micro(f.FirstContactAt), SqlAt = Micro(f.SqlAt),
        RejectedAt = Micro(f.RejectedAt), OpportunityAt = Micro(f.OpportunityAt), WonAt = Micro(f.WonAt), LostAt = Micro(f.LostAt),
    };
}

public sealed class SqliteBulkInsertTests(SqliteFixture fixture, ITestOutputHelper output) : BulkInsertTests(fixture, output), IClassFixture<SqliteFixture>;

public sealed class PostgresBulkInsertTests(PostgresFixture fixture, ITestOutputHelper output) : BulkInsertTests(fixture, output), IClassFixture<PostgresFixture>;
