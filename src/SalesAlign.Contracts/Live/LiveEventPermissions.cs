using SalesAlign.Contracts.Security;

namespace SalesAlign.Contracts.Live;

/// <summary>
/// The permission a caller needs to read each event type, over the hub and in <c>GET /t/{tenant}/events</c>: the same
/// permission as the route that reads the object the event is about. One table, so a new event type cannot be added
/// without saying who may read it (a test checks every type of <see cref="LiveEventTypes.All"/> is here).
/// </summary>
public static class LiveEventPermissions
{
    private static readonly Dictionary<string, string> ByType = new(StringComparer.Ordinal)
    {
        [LiveEventTypes.ProposalCreated] = Permissions.Proposals.Read,
        [LiveEventTypes.ProposalUpdated] = Permissions.Proposals.Read,
        [LiveEventTypes.ProposalStatusChanged] = Permissions.Proposals.Read,
        [LiveEventTypes.ReviewSubmitted] = Permissions.Proposals.Read,
        [LiveEventTypes.CommentAdded] = Permissions.Comments.Read,
        [LiveEventTypes.PlaybookPublished] = Permissions.Playbooks.Read,
        [LiveEventTypes.MeetingUpdated] = Permissions.Meetings.Read,
        [LiveEventTypes.ImpactProgress] = Permissions.Proposals.Read,
        [LiveEventTypes.PresenceChanged] = Permissions.Proposals.Read,
        [LiveEventTypes.LeadsRescored] = Permissions.Leads.Read,
        [LiveEventTypes.LeadImportProgress] = Permissions.Leads.Read,
    };

    /// <summary>Every permission some event type needs: the hub keeps one group per tenant and permission.</summary>
    public static IReadOnlyList<string> Distinct { get; } = [.. ByType.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The permission needed to read <paramref name="eventType"/>; null for a type nobody declared (then nobody reads it).</summary>
    public static string? For(string eventType) => ByType.GetValueOrDefault(eventType);
}
