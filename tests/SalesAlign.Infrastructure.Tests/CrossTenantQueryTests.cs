using Microsoft.EntityFrameworkCore;
using SalesAlign.Infrastructure.Tenancy;
using Xunit.Abstractions;

namespace SalesAlign.Infrastructure.Tests;

/// <summary>On both providers, because on PostgreSQL row-level security must leave this read alone.</summary>
public abstract class CrossTenantQueryTests(DatabaseFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_users_memberships_are_listed_across_tenants_and_nobody_elses()
    {
        if (fixture.UnavailableBecause is { } why)
        {
            output.WriteLine($"Not run: {why}");
            return;
        }
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        var alice = $"alice-{a:N}";
        await AddMemberAsync(a, alice);
        await AddMemberAsync(b, alice);
        await AddMemberAsync(b, $"bob-{a:N}");

        await using var asA = fixture.CreateContext(a);
        var everywhere = await asA.MembershipsOf(alice).Select(m => m.TenantId).ToListAsync();
        var filtered = await asA.Memberships.Where(m => m.UserId == alice).Select(m => m.TenantId).ToListAsync();

        everywhere.ShouldBe([a, b], ignoreOrder: true);
        filtered.ShouldBe([a]);
    }

    private async Task AddMemberAsync(Guid tenant, string userId)
    {
        await using var db = fixture.CreateContext(tenant);
        db.Memberships.Add(Rows.Membership(userId));
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteCrossTenantQueryTests(SqliteFixture fixture, ITestOutputHelper output)
    : CrossTenantQueryTests(fixture, output), IClassFixture<SqliteFixture>;

public sealed class PostgresCrossTenantQueryTests(PostgresFixture fixture, ITestOutputHelper output)
    : CrossTenantQueryTests(fixture, output), IClassFixture<PostgresFixture>;
