using Microsoft.AspNetCore.SignalR;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;

namespace SalesAlign.Api.Hubs;

/// <summary>
/// The hub as a target of committed events: each goes to one group only, <c>tenant:{id}:perm:{permission}</c> for the
/// permission its type needs (<see cref="LiveEventPermissions"/>), so a connection receives an event once and only
/// when it may read it (docs/decisions/0033). Proposal groups carry presence only: everyone in one is also in the
/// tenant's <c>proposals.read</c> group. Through the Redis backplane (when configured) every instance's clients receive it.
/// </summary>
internal sealed class HubEventBroadcaster(
    IHubContext<AlignmentHub, IAlignmentClient> hub,
    IServiceScopeFactory scopes,
    TenantAccessCache cache,
    ILogger<HubEventBroadcaster> logger) : ILiveEventTarget
{
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
            if (LiveEventPermissions.For(e.Type) is not { } permission)
            {
                logger.LogWarning("Live event {Type} #{Seq} declares no read permission; not broadcast", e.Type, e.Seq);
                continue;
            }
            await hub.Clients.Group(AlignmentHub.TenantPermissionGroup(id, permission)).Event(e);
        }
    }

    private async Task<Guid?> TenantIdAsync(string slug, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tenant = await cache.TenantAsync(scope.ServiceProvider.GetRequiredService<IAppDbContext>(), slug, ct);
        return tenant?.Id;
    }
}
