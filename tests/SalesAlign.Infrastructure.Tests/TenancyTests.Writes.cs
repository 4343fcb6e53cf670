using Microsoft.EntityFrameworkCore;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Tests;

/// <summary>Insert-only rows and optimistic concurrency.</summary>
public abstract partial class TenancyTests
{
    [Fact]
    public async Task Playbook_versions_are_insert_only()
    {
        if (Unavailable()) return;
        var tenant = await fixture.CreateTenantAsync();
        var playbook = await SeedAsync(tenant);
        await using var db = fixture.CreateContext(tenant);
        db.PlaybookVersions.Add(Rows.Version(playbook, number: 2));
        (await db.SaveChangesAsync()).ShouldBe(1);
        var version = await db.PlaybookVersions.SingleAsync(v => v.Number == 1);

        db.Entry(version).Property(v => v.DocumentJson).CurrentValue = "{}";
        await Should.ThrowAsync<InsertOnlyViolationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.PlaybookVersions.Remove(version);
        await Should.ThrowAsync<InsertOnlyViolationException>(() => db.SaveChangesAsync());

        await using var check = fixture.CreateContext(tenant);
        (await check.PlaybookVersions.SingleAsync(v => v.Number == 1)).DocumentJson.ShouldBe(Rows.Version(playbook).DocumentJson);
    }

    [Fact]
    public async Task Audit_entries_are_insert_only()
    {
        if (Unavailable()) return;
        var tenant = await fixture.CreateTenantAsync();
        await SeedAsync(tenant);
        await using var db = fixture.CreateContext(tenant);
        db.AuditEntries.Add(Rows.Audit());
        (await db.SaveChangesAsync()).ShouldBe(1);
        var entry = await db.AuditEntries.OrderBy(e => e.Id).FirstAsync();

        db.Entry(entry).Property(e => e.Action).CurrentValue = "tampered";
        await Should.ThrowAsync<InsertOnlyViolationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(entry);
        await Should.ThrowAsync<InsertOnlyViolationException>(() => db.SaveChangesAsync());

        await using var check = fixture.CreateContext(tenant);
        (await check.AuditEntries.CountAsync()).ShouldBe(2);
        (await check.AuditEntries.CountAsync(e => e.Action == "tampered")).ShouldBe(0);
    }

    [Fact]
    public async Task Saving_a_playbook_read_before_a_concurrent_update_throws_a_concurrency_exception()
    {
        if (Unavailable()) return;
        var tenant = await fixture.CreateTenantAsync();
        var id = await SeedAsync(tenant);
        await using var first = fixture.CreateContext(tenant);
        await using var second = fixture.CreateContext(tenant);
        var firstCopy = await first.Playbooks.SingleAsync(p => p.Id == id);
        var staleCopy = await second.Playbooks.SingleAsync(p => p.Id == id);

        firstCopy.Rename("Enterprise EMEA");
        await first.SaveChangesAsync();
        staleCopy.Rename("Enterprise US");

        firstCopy.Revision.ShouldBe(1);
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = fixture.CreateContext(tenant);
        var stored = await check.Playbooks.SingleAsync(p => p.Id == id);
        stored.Name.ShouldBe("Enterprise EMEA");
        stored.Revision.ShouldBe(1);
    }

    [Fact]
    public async Task An_if_match_revision_copied_into_the_original_value_decides_whether_an_update_saves()
    {
        if (Unavailable()) return;
        var tenant = await fixture.CreateTenantAsync();
        var id = await SeedAsync(tenant);
        await using var db = fixture.CreateContext(tenant);
        var playbook = await db.Playbooks.SingleAsync(p => p.Id == id);

        playbook.Rename("fresh");
        db.Entry(playbook).Property(p => p.Revision).OriginalValue = 0;
        await db.SaveChangesAsync();
        playbook.Revision.ShouldBe(1);
        playbook.Rename("stale");
        db.Entry(playbook).Property(p => p.Revision).OriginalValue = 0;

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
    }
}
