using Microsoft.AspNetCore.SignalR;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;

namespace SalesAlign.Api.Hubs;

/// <summary>
/// The hub as a target of committed events and of ephemeral signals (progress): each goes to one group only,
/// <c>tenant:{id}:perm:{permission}</c> for the permission its type needs (<see cref="LiveEventPermissions"/>), so a
/// connection receives an event once and only when it may read it (docs/decisions/0033). Proposal groups carry
/// presence only: everyone in one is also in the tenant's <c>proposals.read</c> group. Through the Redis backplane
/// (when configured) every instance's clients receive it.
/// </summary>
internal sealed class HubEventBroadcaster(IHubContext<AlignmentHub, IAlignmentClient> hub, ILogger<HubEventBroadcaster> logger)
    : ILiveEventTarget, ILiveSignalTarget
{
    public async Task DeliverAsync(Guid tenantId, IReadOnlyList<LiveEventDto> events, CancellationToken ct)
    {
        // In order, one at a time: clients see each tenant's events in seq order.
        foreach (var e in events)
            await SendAsync(tenantId, e, ct);
    }

    public Task SendAsync(Guid tenantId, LiveEventDto signal, CancellationToken ct)
    {
        if (LiveEventPermissions.For(signal.Type) is not { } permission)
        {
            logger.LogWarning("Live event {Type} #{Seq} declares no read permission; not broadcast", signal.Type, signal.Seq);
            return Task.CompletedTask;
        }
        return hub.Clients.Group(AlignmentHub.TenantPermissionGroup(tenantId, permission)).Event(signal);
    }
}
