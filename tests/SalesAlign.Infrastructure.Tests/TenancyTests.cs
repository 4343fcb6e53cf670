using Microsoft.EntityFrameworkCore;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;
using Xunit.Abstractions;

namespace SalesAlign.Infrastructure.Tests;

/// <summary>The tenancy and persistence guarantees, run unchanged against every provider.</summary>
public abstract partial class TenancyTests(DatabaseFixture fixture, ITestOutputHelper output)
{
    private bool Unavailable()
    {
        if (fixture.UnavailableBecause is null)
            return false;
        output.WriteLine($"Not run: {fixture.UnavailableBecause}");
        return true;
    }

    [Fact]
    public async Task Migrations_apply_to_an_empty_database()
    {
        if (Unavailable()) return;
        await using var db = await fixture.CreateEmptyDatabaseAsync();
        try
        {
            await db.Database.MigrateAsync();

            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
            (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
            (await db.Playbooks.IgnoreQueryFilters([TenantQueryFilter.Name]).CountAsync()).ShouldBe(0);
        }
        finally
        {
            await fixture.DropEmptyDatabaseAsync(db);
        }
    }

    [Fact]
    public async Task A_tenant_sees_its_own_playbooks_versions_and_memberships_and_never_another_tenants()
    {
        if (Unavailable()) return;
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        var playbookA = await SeedAsync(a);
        var playbookB = await SeedAsync(b);

        await using var asA = fixture.CreateContext(a);
        var playbooks = await asA.Playbooks.Select(p => p.Id).ToListAsync();
        var versions = await asA.PlaybookVersions.Select(v => v.PlaybookId).ToListAsync();
        var members = await asA.Memberships.Select(m => m.TenantId).ToListAsync();
        var audit = await asA.AuditEntries.Select(e => e.TenantId).ToListAsync();
        var foreignById = await asA.Playbooks.FirstOrDefaultAsync(p => p.Id == playbookB);

        playbooks.ShouldBe([playbookA]);
        versions.ShouldBe([playbookA]);
        members.ShouldBe([a]);
        audit.ShouldBe([a]);
        foreignById.ShouldBeNull();
    }

    [Fact]
    public async Task Each_context_filters_by_its_own_tenant_although_the_model_is_cached()
    {
        if (Unavailable()) return;
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        var playbookA = await SeedAsync(a);
        var playbookB = await SeedAsync(b);

        await using var asA = fixture.CreateContext(a);
        await using var asB = fixture.CreateContext(b);
        await using var nobody = fixture.CreateContext(tenantId: null);

        (await asA.Playbooks.Select(p => p.Id).ToListAsync()).ShouldBe([playbookA]);
        (await asB.Playbooks.Select(p => p.Id).ToListAsync()).ShouldBe([playbookB]);
        (await nobody.Playbooks.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Added_rows_get_the_current_tenant_stamped()
    {
        if (Unavailable()) return;
        var tenant = await fixture.CreateTenantAsync();
        var playbook = Rows.Playbook();

        await using (var db = fixture.CreateContext(tenant))
        {
            db.Playbooks.Add(playbook);
            db.PlaybookVersions.Add(Rows.Version(playbook.Id));
            await db.SaveChangesAsync();
        }

        await using var check = fixture.CreateContext(tenant);
        (await check.Playbooks.SingleAsync(p => p.Id == playbook.Id)).TenantId.ShouldBe(tenant);
        (await check.PlaybookVersions.SingleAsync(v => v.PlaybookId == playbook.Id)).TenantId.ShouldBe(tenant);
    }

    [Fact]
    public async Task Saving_a_row_with_another_tenants_id_throws_and_writes_nothing()
    {
        if (Unavailable()) return;
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        await using var asA = fixture.CreateContext(a);
        asA.Playbooks.Add(Rows.Playbook(a, "own"));
        asA.Playbooks.Add(Rows.Playbook(b, "foreign"));

        await Should.ThrowAsync<TenantMismatchException>(() => asA.SaveChangesAsync());

        await using var asB = fixture.CreateContext(b);
        (await asB.Playbooks.CountAsync()).ShouldBe(0);
        await using var check = fixture.CreateContext(a);
        (await check.Playbooks.CountAsync()).ShouldBe(0);
        check.Playbooks.Add(Rows.Playbook(a, "own"));
        await check.SaveChangesAsync();
        (await check.Playbooks.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Updating_or_deleting_another_tenants_row_throws()
    {
        if (Unavailable()) return;
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        var playbookB = await SeedAsync(b);

        await using (var asA = fixture.CreateContext(a))
        {
            asA.Playbooks.Attach(Rows.Playbook(b, id: playbookB)).Entity.Rename("renamed by A");
            await Should.ThrowAsync<TenantMismatchException>(() => asA.SaveChangesAsync());
        }
        await using (var asA = fixture.CreateContext(a))
        {
            asA.Memberships.Remove(Rows.Membership($"user-{b:N}", b));
            await Should.ThrowAsync<TenantMismatchException>(() => asA.SaveChangesAsync());
        }

        await using var asB = fixture.CreateContext(b);
        (await asB.Playbooks.SingleAsync()).Name.ShouldBe("Enterprise");
        (await asB.Memberships.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Moving_a_row_to_another_tenant_throws()
    {
        if (Unavailable()) return;
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        await SeedAsync(a);
        await using var asA = fixture.CreateContext(a);
        var member = await asA.Memberships.SingleAsync();

        member.Role = Domain.Tenancy.MemberRole.Admin;
        await asA.SaveChangesAsync();
        member.TenantId = b;

        await Should.ThrowAsync<InvalidOperationException>(() => asA.SaveChangesAsync());
        await using var asB = fixture.CreateContext(b);
        (await asB.Memberships.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Saving_tenant_owned_rows_without_a_tenant_throws_but_global_rows_save()
    {
        if (Unavailable()) return;
        var tenant = await fixture.CreateTenantAsync();
        await using var nobody = fixture.CreateContext(tenantId: null);
        nobody.Playbooks.Add(Rows.Playbook(tenant));

        await Should.ThrowAsync<TenantMismatchException>(() => nobody.SaveChangesAsync());

        nobody.ChangeTracker.Clear();
        nobody.Agencies.Add(new() { Id = Guid.NewGuid(), Name = "Agency" });
        (await nobody.SaveChangesAsync()).ShouldBe(1);
    }

    /// <summary>A playbook with one version, one membership and one audit entry; returns the playbook id.</summary>
    private async Task<Guid> SeedAsync(Guid tenant)
    {
        await using var db = fixture.CreateContext(tenant);
        var playbook = Rows.Playbook();
        db.Playbooks.Add(playbook);
        db.PlaybookVersions.Add(Rows.Version(playbook.Id));
        db.Memberships.Add(Rows.Membership($"user-{tenant:N}"));
        db.AuditEntries.Add(Rows.Audit());
        await db.SaveChangesAsync();
        return playbook.Id;
    }
}

public sealed class SqliteTenancyTests(SqliteFixture fixture, ITestOutputHelper output)
    : TenancyTests(fixture, output), IClassFixture<SqliteFixture>;

public sealed class PostgresTenancyTests(PostgresFixture fixture, ITestOutputHelper output)
    : TenancyTests(fixture, output), IClassFixture<PostgresFixture>;
