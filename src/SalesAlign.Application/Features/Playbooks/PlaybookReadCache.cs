using Microsoft.Extensions.Caching.Memory;
using SalesAlign.Contracts.Playbooks;

namespace SalesAlign.Application.Features.Playbooks;

/// <summary>
/// The hot read of the product — integrations fetching the agreement — served from memory: published versions
/// forever (they never change), a playbook's head (name, revision, current version) for a few seconds.
/// Publishing evicts the head on this instance; other instances see it within <see cref="HeadLifetime"/>.
/// </summary>
internal sealed class PlaybookReadCache(IMemoryCache cache)
{
    public static readonly TimeSpan HeadLifetime = TimeSpan.FromSeconds(5);

    public sealed record Head(string Name, int Revision, int? CurrentVersion);

    public bool TryGetHead(Guid tenantId, Guid playbookId, out Head? head) => cache.TryGetValue(("playbook-head", tenantId, playbookId), out head);

    public void SetHead(Guid tenantId, Guid playbookId, Head head) => cache.Set(("playbook-head", tenantId, playbookId), head, HeadLifetime);

    public void EvictHead(Guid tenantId, Guid playbookId) => cache.Remove(("playbook-head", tenantId, playbookId));

    public Task<VersionDto?> VersionAsync(Guid tenantId, Guid playbookId, int number, Func<Task<VersionDto>> load) =>
        cache.GetOrCreateAsync(("version", tenantId, playbookId, number), async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            return await load();
        });
}
