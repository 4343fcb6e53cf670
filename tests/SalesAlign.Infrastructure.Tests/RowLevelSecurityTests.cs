using Microsoft.EntityFrameworkCore;
using Npgsql;
using SalesAlign.Infrastructure.Tenancy;
using Xunit.Abstractions;

namespace SalesAlign.Infrastructure.Tests;

/// <summary>PostgreSQL only: with the EF filter switched off, the database itself still hides other tenants.</summary>
public sealed class RowLevelSecurityTests(PostgresFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Without_the_EF_filter_the_app_role_sees_no_foreign_rows_while_the_owner_sees_them_all()
    {
        if (Unavailable()) return;
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        await SeedAsync(a);
        await SeedAsync(b);

        await using var asA = fixture.CreateContext(a);
        var playbooks = await asA.Playbooks.IgnoreQueryFilters([TenantQueryFilter.Name]).Select(p => p.TenantId).ToListAsync();
        var versions = await asA.PlaybookVersions.IgnoreQueryFilters([TenantQueryFilter.Name]).Select(v => v.TenantId).ToListAsync();
        var audit = await asA.AuditEntries.IgnoreQueryFilters([TenantQueryFilter.Name]).Select(e => e.TenantId).ToListAsync();
        var rawCount = await asA.Database.SqlQueryRaw<int>("""SELECT count(*)::int AS "Value" FROM playbooks""").SingleAsync();
        await using var nobody = fixture.CreateContext(tenantId: null);
        var withoutTenant = await nobody.Playbooks.IgnoreQueryFilters([TenantQueryFilter.Name]).CountAsync();
        await using var owner = fixture.CreateOwnerContext(a);
        var ownerSees = await owner.Playbooks.IgnoreQueryFilters([TenantQueryFilter.Name]).Select(p => p.TenantId).Distinct().ToListAsync();

        playbooks.ShouldBe([a]);
        versions.ShouldBe([a]);
        audit.ShouldBe([a]);
        rawCount.ShouldBe(1);
        withoutTenant.ShouldBe(0);
        ownerSees.ShouldContain(a);
        ownerSees.ShouldContain(b);
    }

    [Fact]
    public async Task Raw_SQL_cannot_write_a_row_for_another_tenant()
    {
        if (Unavailable()) return;
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        await using var asA = fixture.CreateContext(a);
        const string insert = """INSERT INTO playbooks ("Id", "TenantId", "Name", "Revision") VALUES ({0}, {1}, {2}, 0)""";

        var own = await asA.Database.ExecuteSqlRawAsync(insert, Guid.NewGuid(), a, "own");
        var foreign = await Should.ThrowAsync<PostgresException>(() => asA.Database.ExecuteSqlRawAsync(insert, Guid.NewGuid(), b, "foreign"));

        own.ShouldBe(1);
        foreign.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    private bool Unavailable()
    {
        if (fixture.UnavailableBecause is null)
            return false;
        output.WriteLine($"Not run: {fixture.UnavailableBecause}");
        return true;
    }

    private async Task SeedAsync(Guid tenant)
    {
        await using var db = fixture.CreateContext(tenant);
        var playbook = Rows.Playbook();
        db.Playbooks.Add(playbook);
        db.PlaybookVersions.Add(Rows.Version(playbook.Id));
        db.AuditEntries.Add(Rows.Audit());
        await db.SaveChangesAsync();
    }
}
