using SalesAlign.Contracts.Live;

namespace SalesAlign.Api.Hubs;

/// <summary>
/// What the hub calls on its clients: one method for every event type (docs/decisions/0011). The event's
/// <see cref="LiveEventDto.Type"/> says which it is, so a client has one handler, one dedupe-by-seq path,
/// and a new event type needs no new client subscription.
/// </summary>
public interface IAlignmentClient
{
    /// <remarks>The method name is the wire name clients subscribe to ("Event"), so it stays despite CA1716.</remarks>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Wire name of the SignalR client method.")]
    Task Event(LiveEventDto e);
}
