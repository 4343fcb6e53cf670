using Microsoft.AspNetCore.SignalR;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;

namespace SalesAlign.Api.Hubs;

/// <summary>
/// The hub as a target of committed events: each goes to its tenant's group and, for events about a proposal,
/// to that proposal's group too. A client in both groups receives it twice and dedupes by <c>seq</c>, as it must
/// anyway after a reconnect. Through the Redis backplane (when configured) every instance's clients receive it.
/// </summary>
internal sealed class HubEventBroadcaster(
    IHubContext<AlignmentHub, IAlignmentClient> hub,
    IServiceScopeFactory scopes,
    TenantAccessCache cache,
    ILogger<HubEventBroadcaster> logger) : ILiveEventTarget
{
    /// <summary>Event types whose <c>ObjectId</c> is a proposal id.</summary>
    public static readonly IReadOnlySet<string> ProposalEventTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        LiveEventTypes.ProposalCreated, LiveEventTypes.ProposalUpdated, LiveEventTypes.ProposalStatusChanged,
        LiveEventTypes.ReviewSubmitted, LiveEventTypes.CommentAdded, LiveEventTypes.PresenceChanged,
    };

    public async Task DeliverAsync(IReadOnlyList<LiveEventDto> events, CancellationToken ct)
    {
        var tenantIds = new Dictionary<string, Guid?>(StringComparer.Ordinal);
        // In order, one at a time: clients see each tenant's events in seq order.
        foreach (var e in events)
        {
            if (!tenantIds.TryGetValue(e.Tenant, out var tenantId))
                tenantIds[e.Tenant] = tenantId = await TenantIdAsync(e.Tenant, ct);
            if (tenantId is not { } id)
            {
                logger.LogWarning("Live event {Type} #{Seq} names unknown tenant {Tenant}; not broadcast", e.Type, e.Seq, e.Tenant);
                continue;
            }
            await hub.Clients.Group(AlignmentHub.TenantGroup(id)).Event(e);
            if (ProposalEventTypes.Contains(e.Type) && Guid.TryParse(e.ObjectId, out var proposalId))
                await hub.Clients.Group(AlignmentHub.ProposalGroup(proposalId)).Event(e);
        }
    }

    private async Task<Guid?> TenantIdAsync(string slug, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tenant = await cache.TenantAsync(scope.ServiceProvider.GetRequiredService<IAppDbContext>(), slug, ct);
        return tenant?.Id;
    }
}
