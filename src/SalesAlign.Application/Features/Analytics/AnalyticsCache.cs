using Microsoft.Extensions.Caching.Memory;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Features.Scoring;
using SalesAlign.Contracts.Analytics;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Application.Features.Analytics;

/// <summary>Tunables of the analytics features.</summary>
public sealed class AnalyticsOptions
{
    /// <summary>
    /// Up to this many leads an impact preview is computed inside the request (100,000 take well under a second);
    /// above it, in the background with <c>impactProgress</c> events (decision 0022).
    /// </summary>
    public int ImpactInlineLeadLimit { get; set; } = 250_000;

    /// <summary>How long a computed preview and a playbook's leads in memory stay cached unused.</summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// What analytics keeps in memory: compiled playbooks by content hash (through <see cref="CompiledPlaybookCache"/>), one
/// <see cref="LeadSnapshot"/> per playbook (replaced when the tenant's lead-data version moves), and finished
/// impact previews by (proposal, revision, lead-data version) — the same draft over the same data gives the same answer.
/// </summary>
internal sealed class AnalyticsCache(IMemoryCache cache, CompiledPlaybookCache compiled, AnalyticsOptions options)
{
    public CompiledPlaybook Compiled(string contentHash, PlaybookDocument document) => compiled.Get(contentHash, () => document);

    public async Task<LeadSnapshot> LeadsAsync(IAppDbContext db, Guid tenantId, Guid playbookId, long dataVersion, CancellationToken ct)
    {
        var key = ("lead-snapshot", tenantId, playbookId);
        if (cache.TryGetValue(key, out LeadSnapshot? snapshot) && snapshot!.DataVersion == dataVersion)
            return snapshot;
        snapshot = await LeadSnapshot.LoadAsync(db, playbookId, dataVersion, ct);
        cache.Set(key, snapshot, new MemoryCacheEntryOptions { SlidingExpiration = options.CacheLifetime });
        return snapshot;
    }

    public int? CachedLeadCount(Guid tenantId, Guid playbookId, long dataVersion) =>
        cache.TryGetValue(("lead-snapshot", tenantId, playbookId), out LeadSnapshot? snapshot) && snapshot!.DataVersion == dataVersion
            ? snapshot.Count
            : null;

    public bool TryGetImpact(ImpactKey key, out ImpactReportDto? report) => cache.TryGetValue(key, out report);

    public void SetImpact(ImpactKey key, ImpactReportDto report) =>
        cache.Set(key, report, new MemoryCacheEntryOptions { SlidingExpiration = options.CacheLifetime });
}

/// <summary>Identifies one impact preview: the same draft revision over the same lead data.</summary>
internal readonly record struct ImpactKey(Guid TenantId, Guid ProposalId, int Revision, long LeadDataVersion);
