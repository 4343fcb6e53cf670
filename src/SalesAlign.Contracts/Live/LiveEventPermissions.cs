namespace SalesAlign.Contracts.Live;

/// <summary>One event type: its name, the permission needed to read it and its payload record.</summary>
public sealed record LiveEventKind(string Type, string ReadPermission, Type DataType)
{
    public static LiveEventKind Of<TData>() where TData : ILiveEventData => new(TData.EventType, TData.ReadPermission, typeof(TData));
}

/// <summary>
/// The permission a caller needs to read each event type, over the hub and in <c>GET /t/{tenant}/events</c>, as each
/// payload record declares it (<see cref="ILiveEventData.ReadPermission"/>). A type nobody declared is read by nobody;
/// a convention test checks that every type of <see cref="LiveEventTypes.All"/> has exactly one payload listed here.
/// </summary>
public static class LiveEventPermissions
{
    /// <summary>Every event type with its payload.</summary>
    public static IReadOnlyList<LiveEventKind> Kinds { get; } =
    [
        LiveEventKind.Of<ProposalCreatedData>(),
        LiveEventKind.Of<ProposalUpdatedData>(),
        LiveEventKind.Of<ProposalStatusChangedData>(),
        LiveEventKind.Of<ReviewSubmittedData>(),
        LiveEventKind.Of<CommentAddedData>(),
        LiveEventKind.Of<PlaybookPublishedData>(),
        LiveEventKind.Of<MeetingUpdatedData>(),
        LiveEventKind.Of<ImpactProgressData>(),
        LiveEventKind.Of<PresenceChangedData>(),
        LiveEventKind.Of<LeadsRescoredData>(),
        LiveEventKind.Of<LeadImportProgressData>(),
    ];

    private static readonly Dictionary<string, string> ByType = Kinds.ToDictionary(k => k.Type, k => k.ReadPermission, StringComparer.Ordinal);

    /// <summary>Every permission some event type needs: the hub keeps one group per tenant and permission.</summary>
    public static IReadOnlyList<string> Distinct { get; } = [.. ByType.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The permission needed to read <paramref name="eventType"/>; null for a type nobody declared (then nobody reads it).</summary>
    public static string? For(string eventType) => ByType.GetValueOrDefault(eventType);
}
