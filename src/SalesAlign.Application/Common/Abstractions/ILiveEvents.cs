using SalesAlign.Contracts.Live;

namespace SalesAlign.Application.Common.Abstractions;

/// <summary>
/// Records that a change happened, in the same unit of work as the change (the outbox): the event exists if
/// and only if the change committed, and is dispatched after commit, never before.
/// </summary>
public interface ILiveEvents
{
    /// <param name="type">One of <see cref="LiveEventTypes"/>.</param>
    /// <param name="data">Serialized as the event's <c>data</c>.</param>
    void Publish(string type, string? objectId, int? revision, object? data = null);
}

/// <summary>Where committed events go: the hub, webhook deliveries. The dispatcher calls every registered target.</summary>
public interface ILiveEventTarget
{
    Task DeliverAsync(IReadOnlyList<LiveEventDto> events, CancellationToken ct);
}
