using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Api.Tenancy;

/// <summary>
/// Who may act in which tenant, cached for a few seconds: every tenant request needs the answer, and it
/// changes rarely. Membership changes on this instance evict at once (<see cref="Forget"/>); other
/// instances see them within <see cref="AccessLifetime"/>.
/// </summary>
internal sealed class TenantAccessCache(IMemoryCache cache) : ITenantAccessCache
{
    public static readonly TimeSpan TenantLifetime = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan AccessLifetime = TimeSpan.FromSeconds(15);

    public async Task<Tenant?> TenantAsync(IAppDbContext db, string slug, CancellationToken ct)
    {
        if (cache.TryGetValue(("tenant", slug), out Tenant? tenant))
            return tenant;
        tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, ct);
        // Unknown slugs are not cached: a tenant created a moment later must be reachable at once.
        if (tenant is not null)
            cache.Set(("tenant", slug), tenant, TenantLifetime);
        return tenant;
    }

    public async Task<Actor?> ActorAsync(IUserAccess access, Tenant tenant, string userId, CancellationToken ct)
    {
        var key = ("actor", tenant.Id, userId);
        if (cache.TryGetValue(key, out Actor? actor))
            return actor;
        actor = await access.AccessToAsync(tenant, userId, ct);
        cache.Set(key, actor, AccessLifetime);
        return actor;
    }

    public void Forget(Guid tenantId, string userId) => cache.Remove(("actor", tenantId, userId));
}
