using SalesAlign.Application.Common.Abstractions;

namespace SalesAlign.Infrastructure.Tenancy;

/// <summary>
/// Scoped per request: whatever resolves the tenant (route slug, job payload) sets it once; everything
/// downstream only reads <see cref="ITenantContext"/>.
/// </summary>
public sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public string? Slug { get; private set; }

    public bool HasTenant => TenantId is not null;

    public void Enter(Guid tenantId, string slug)
    {
        // Switching tenants mid-scope would let tracked entities of one tenant be saved under another.
        if (TenantId is { } current && current != tenantId)
            throw new InvalidOperationException("The tenant of this scope is already set to another tenant.");
        TenantId = tenantId;
        Slug = slug;
    }
}
