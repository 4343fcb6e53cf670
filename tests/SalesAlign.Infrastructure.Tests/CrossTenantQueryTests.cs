using Microsoft.EntityFrameworkCore;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Tests;

public sealed class CrossTenantQueryTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task A_users_memberships_are_listed_across_tenants_and_nobody_elses()
    {
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        await AddMemberAsync(a, "alice");
        await AddMemberAsync(b, "alice");
        await AddMemberAsync(b, "bob");

        await using var asA = fixture.CreateContext(a);
        var alice = await asA.MembershipsOf("alice").Select(m => m.TenantId).ToListAsync();
        var filtered = await asA.Memberships.Where(m => m.UserId == "alice").Select(m => m.TenantId).ToListAsync();

        alice.ShouldBe([a, b], ignoreOrder: true);
        filtered.ShouldBe([a]);
    }

    private async Task AddMemberAsync(Guid tenant, string userId)
    {
        await using var db = fixture.CreateContext(tenant);
        db.Memberships.Add(Rows.Membership(userId));
        await db.SaveChangesAsync();
    }
}
