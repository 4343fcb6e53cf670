using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Features.Leads;
using SalesAlign.Domain.Leads;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;
using Xunit.Abstractions;

namespace SalesAlign.Infrastructure.Tests;

/// <summary>The lead tables on both databases: the lead-data version moves with every lead write and only then.</summary>
public abstract class LeadPersistenceTests(DatabaseFixture fixture, ITestOutputHelper output)
{
    protected bool Unavailable()
    {
        if (fixture.UnavailableBecause is null)
            return false;
        output.WriteLine($"Not run: {fixture.UnavailableBecause}");
        return true;
    }

    [Fact]
    public async Task Every_save_that_writes_leads_or_outcomes_bumps_the_tenants_lead_data_version_and_no_other_save_does()
    {
        if (Unavailable()) return;
        var tenant = await fixture.CreateTenantAsync();
        var other = await fixture.CreateTenantAsync();
        var playbook = await SeedPlaybookAsync(tenant);
        await SeedPlaybookAsync(other);

        long before, afterLead, afterUpdate, afterOutcome, afterUnrelated, otherTenant;
        await using (var db = fixture.CreateContext(tenant))
            before = await db.LeadDataVersions.CurrentAsync();
        var lead = LeadRow(playbook, "L-1");
        await using (var db = fixture.CreateContext(tenant))
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
            afterLead = await db.LeadDataVersions.CurrentAsync();
        }
        await using (var db = fixture.CreateContext(tenant))
        {
            var stored = await db.Leads.SingleAsync(l => l.Id == lead.Id);
            stored.FieldsJson = """{"companySize":10}""";
            stored.Revision++;
            await db.SaveChangesAsync();
            afterUpdate = await db.LeadDataVersions.CurrentAsync();
        }
        await using (var db = fixture.CreateContext(tenant))
        {
            db.LeadOutcomes.Add(new LeadOutcome { Id = Guid.NewGuid(), LeadId = lead.Id, Kind = LeadOutcomeKind.MqlReached, OccurredAt = DateTimeOffset.UtcNow, RecordedAt = DateTimeOffset.UtcNow, RecordedBy = "u" });
            await db.SaveChangesAsync();
            afterOutcome = await db.LeadDataVersions.CurrentAsync();
        }
        await using (var db = fixture.CreateContext(tenant))
        {
            db.AuditEntries.Add(Rows.Audit());
            await db.SaveChangesAsync();
            afterUnrelated = await db.LeadDataVersions.CurrentAsync();
        }
        await using (var db = fixture.CreateContext(other))
            otherTenant = await db.LeadDataVersions.CurrentAsync();

        before.ShouldBe(0);
        afterLead.ShouldBe(1);
        afterUpdate.ShouldBe(2);
        afterOutcome.ShouldBe(3);
        afterUnrelated.ShouldBe(3);
        otherTenant.ShouldBe(0);
    }

    [Fact]
    public async Task External_ids_are_unique_per_tenant_and_the_same_id_may_exist_in_two_tenants()
    {
        if (Unavailable()) return;
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        var (pa, pb) = (await SeedPlaybookAsync(a), await SeedPlaybookAsync(b));

        await using (var db = fixture.CreateContext(a))
        {
            db.Leads.Add(LeadRow(pa, "SAME"));
            await db.SaveChangesAsync();
        }
        await using (var db = fixture.CreateContext(b))
        {
            db.Leads.Add(LeadRow(pb, "SAME"));
            await db.SaveChangesAsync();
        }
        await using var again = fixture.CreateContext(a);
        again.Leads.Add(LeadRow(pa, "SAME"));
        var duplicate = await Should.ThrowAsync<DbUpdateException>(() => again.SaveChangesAsync());

        duplicate.ShouldNotBeNull();
        await using var readA = fixture.CreateContext(a);
        (await readA.Leads.CountAsync()).ShouldBe(1);
    }

    internal static Lead LeadRow(Guid playbookId, string externalId) => new()
    {
        Id = Guid.CreateVersion7(),
        ExternalId = externalId,
        PlaybookId = playbookId,
        FieldsJson = LeadPayload.EmptyFields,
        EventsJson = LeadPayload.EmptyEvents,
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    private async Task<Guid> SeedPlaybookAsync(Guid tenant)
    {
        await using var db = fixture.CreateContext(tenant);
        var playbook = Rows.Playbook();
        db.Playbooks.Add(playbook);
        await db.SaveChangesAsync();
        return playbook.Id;
    }
}

public sealed class SqliteLeadPersistenceTests(SqliteFixture fixture, ITestOutputHelper output)
    : LeadPersistenceTests(fixture, output), IClassFixture<SqliteFixture>
{
}

public sealed class PostgresLeadPersistenceTests(PostgresFixture fixture, ITestOutputHelper output)
    : LeadPersistenceTests(fixture, output), IClassFixture<PostgresFixture>
{

    [Fact]
    public async Task Without_the_EF_filter_a_tenant_sees_only_its_own_leads_outcomes_and_versions()
    {
        if (Unavailable()) return;
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        foreach (var t in new[] { a, b })
        {
            await using var db = fixture.CreateContext(t);
            var playbook = Rows.Playbook();
            db.Playbooks.Add(playbook);
            var lead = LeadRow(playbook.Id, "X");
            db.Leads.Add(lead);
            db.LeadOutcomes.Add(new LeadOutcome { Id = Guid.NewGuid(), LeadId = lead.Id, Kind = LeadOutcomeKind.MqlReached, OccurredAt = DateTimeOffset.UtcNow, RecordedAt = DateTimeOffset.UtcNow, RecordedBy = "u" });
            await db.SaveChangesAsync();
        }

        await using var asA = fixture.CreateContext(a);
        var leads = await asA.Leads.IgnoreQueryFilters([TenantQueryFilter.Name]).Select(l => l.TenantId).Distinct().ToListAsync();
        var outcomes = await asA.LeadOutcomes.IgnoreQueryFilters([TenantQueryFilter.Name]).Select(l => l.TenantId).Distinct().ToListAsync();
        var versions = await asA.LeadDataVersions.IgnoreQueryFilters([TenantQueryFilter.Name]).Select(l => l.TenantId).Distinct().ToListAsync();
        await using var owner = fixture.CreateOwnerContext(a);
        var ownerSees = await owner.Leads.IgnoreQueryFilters([TenantQueryFilter.Name]).Select(l => l.TenantId).Distinct().CountAsync();

        leads.ShouldBe([a]);
        outcomes.ShouldBe([a]);
        versions.ShouldBe([a]);
        ownerSees.ShouldBeGreaterThanOrEqualTo(2);
    }
}
