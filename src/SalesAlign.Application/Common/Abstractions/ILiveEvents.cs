using SalesAlign.Contracts.Live;

namespace SalesAlign.Application.Common.Abstractions;

/// <summary>
/// Records that a change happened, in the same unit of work as the change (the outbox): the event exists if
/// and only if the change committed, and is dispatched after commit, never before. The event type is the
/// payload's (<see cref="ILiveEventData.EventType"/>); the actor is explicit, so a worker publishes as itself.
/// </summary>
public interface ILiveEvents
{
    /// <param name="data">Serialized as the event's <c>data</c> (none for a payload without properties).</param>
    /// <param name="actorId">Who made the change: a user, an integration client or a system actor.</param>
    void Publish<TData>(TData data, string actorId, string? objectId, int? revision = null) where TData : IDurableLiveEventData;
}

/// <summary>
/// Sends an ephemeral signal (progress, presence) to the live targets that carry them, now: no outbox row, no
/// <c>seq</c> (0), no webhook delivery, no replay. A client that misses one asks again; so call it after the commit
/// of whatever the signal reports on.
/// </summary>
public interface ILiveSignals
{
    Task SendAsync<TData>(TData data, string actorId, string? objectId, int? revision, CancellationToken ct) where TData : ILiveEventData;
}

/// <summary>Where committed events go: the hub, webhook deliveries. The dispatcher calls every registered target, per tenant.</summary>
public interface ILiveEventTarget
{
    /// <param name="tenantId">The tenant of every event of the batch (the events carry its slug).</param>
    Task DeliverAsync(Guid tenantId, IReadOnlyList<LiveEventDto> events, CancellationToken ct);
}

/// <summary>Where ephemeral signals go (the hub); webhooks are not one.</summary>
public interface ILiveSignalTarget
{
    Task SendAsync(Guid tenantId, LiveEventDto signal, CancellationToken ct);
}
