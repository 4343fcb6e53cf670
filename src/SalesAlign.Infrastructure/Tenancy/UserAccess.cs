using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;
using SalesAlign.Infrastructure.Persistence;

namespace SalesAlign.Infrastructure.Tenancy;

/// <summary>Reads about one user across tenants, through <see cref="CrossTenantQueries"/> only.</summary>
internal sealed class UserAccess(AppDbContext db) : IUserAccess
{
    public async Task<UserInfo?> FindUserAsync(string userId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new UserInfo(u.Id, u.Email!, u.DisplayName)).FirstOrDefaultAsync(ct);

    public async Task<UserInfo?> FindUserByEmailAsync(string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => new UserInfo(u.Id, u.Email!, u.DisplayName)).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyDictionary<string, UserInfo>> FindUsersAsync(IEnumerable<string> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new UserInfo(u.Id, u.Email!, u.DisplayName))
            .ToDictionaryAsync(u => u.Id, StringComparer.Ordinal, ct);
    }

    public async Task<IReadOnlyList<TenantAccess>> TenantsOfAsync(string userId, CancellationToken ct)
    {
        var direct = await (from m in db.MembershipsOf(userId)
                            join t in db.Tenants on m.TenantId equals t.Id
                            select new { Tenant = t, m.Team, m.Role }).AsNoTracking().ToListAsync(ct);
        var viaAgency = await (from a in db.AgencyMemberships
                               join t in db.Tenants on a.AgencyId equals t.AgencyId
                               where a.UserId == userId
                               select new { Tenant = t, a.Role }).AsNoTracking().ToListAsync(ct);
        var result = direct.Select(d => new TenantAccess(d.Tenant, d.Team, d.Role, ViaAgency: false)).ToList();
        result.AddRange(viaAgency
            .Where(a => result.All(r => r.Tenant.Id != a.Tenant.Id))
            .Select(a => new TenantAccess(a.Tenant, MemberTeam.Agency, a.Role, ViaAgency: true)));
        return result.OrderBy(r => r.Tenant.Slug, StringComparer.Ordinal).ToList();
    }

    public async Task<Actor?> AccessToAsync(Tenant tenant, string userId, CancellationToken ct)
    {
        var direct = await db.MembershipsOf(userId).AsNoTracking().FirstOrDefaultAsync(m => m.TenantId == tenant.Id, ct);
        if (direct is not null)
            return new Actor(userId, direct.Team, direct.Role);
        if (tenant.AgencyId is not { } agencyId)
            return null;
        var agency = await db.AgencyMemberships.AsNoTracking().FirstOrDefaultAsync(a => a.AgencyId == agencyId && a.UserId == userId, ct);
        return agency is null ? null : new Actor(userId, MemberTeam.Agency, agency.Role);
    }

    public async Task<IReadOnlyList<(Agency Agency, MemberRole Role)>> AgenciesOfAsync(string userId, CancellationToken ct)
    {
        var rows = await (from a in db.AgencyMemberships
                          join g in db.Agencies on a.AgencyId equals g.Id
                          where a.UserId == userId
                          select new { Agency = g, a.Role }).AsNoTracking().ToListAsync(ct);
        return rows.Select(r => (r.Agency, r.Role)).ToList();
    }
}
