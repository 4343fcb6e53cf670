using System.Text.Json.Serialization;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Contracts.Live;

/// <summary>
/// The <c>data</c> of one event type. The payload type names its event type and the permission needed to read it,
/// so a publisher cannot pair a type with the wrong payload and a new type cannot be added without saying who reads it.
/// </summary>
public interface ILiveEventData
{
    /// <summary>One of <see cref="LiveEventTypes"/>.</summary>
    static abstract string EventType { get; }

    /// <summary>The permission a caller needs to read the event: the same as the route that reads its object.</summary>
    static abstract string ReadPermission { get; }
}

/// <summary>
/// An event that records a committed change: written to the outbox with the change, given a <c>seq</c>, replayed by
/// <c>GET /events</c> and sent to webhooks. Types without it (presence, progress) are ephemeral: hub only, <c>seq</c> 0.
/// </summary>
public interface IDurableLiveEventData : ILiveEventData;

/// <summary>The data of <c>proposalCreated</c> (object = proposal).</summary>
/// <param name="Status">The proposal's status, camelCase like every enum value (e.g. <c>draft</c>, see <c>ProposalStatuses</c>).</param>
public sealed record ProposalCreatedData(Guid PlaybookId, string Title, string Status) : IDurableLiveEventData
{
    public static string EventType => LiveEventTypes.ProposalCreated;
    public static string ReadPermission => Permissions.Proposals.Read;
}

/// <summary>The data of <c>proposalUpdated</c> (object = proposal): the document paths that changed.</summary>
/// <param name="RebasedOnto">The version the draft was rebased onto; absent for an edit.</param>
public sealed record ProposalUpdatedData(
    IReadOnlyList<string> ChangedPaths,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RebasedOnto = null) : IDurableLiveEventData
{
    public static string EventType => LiveEventTypes.ProposalUpdated;
    public static string ReadPermission => Permissions.Proposals.Read;
}

/// <summary>The data of <c>proposalStatusChanged</c> (object = proposal), statuses camelCase (<c>inReview</c>, see <c>ProposalStatuses</c>).</summary>
public sealed record ProposalStatusChangedData(string From, string To) : IDurableLiveEventData
{
    public static string EventType => LiveEventTypes.ProposalStatusChanged;
    public static string ReadPermission => Permissions.Proposals.Read;
}

/// <summary>The data of <c>reviewSubmitted</c> (object = proposal).</summary>
/// <param name="Decision"><c>approve</c>, <c>requestChanges</c> or <c>reject</c>.</param>
public sealed record ReviewSubmittedData(string Decision, string ReviewerId, Guid ReviewId) : IDurableLiveEventData
{
    public static string EventType => LiveEventTypes.ReviewSubmitted;
    public static string ReadPermission => Permissions.Proposals.Read;
}

/// <summary>The data of <c>commentAdded</c> (object = proposal).</summary>
/// <param name="Path">The document path the comment is on; null for a comment on the whole proposal.</param>
public sealed record CommentAddedData(string? Path, Guid CommentId) : IDurableLiveEventData
{
    public static string EventType => LiveEventTypes.CommentAdded;
    public static string ReadPermission => Permissions.Comments.Read;
}

/// <summary>The data of <c>playbookPublished</c> (object = playbook): the new version and the proposal it came from.</summary>
public sealed record PlaybookPublishedData(int Version, Guid ProposalId) : IDurableLiveEventData
{
    public static string EventType => LiveEventTypes.PlaybookPublished;
    public static string ReadPermission => Permissions.Playbooks.Read;
}

/// <summary><c>meetingUpdated</c> (object = meeting) says only that the meeting changed: the event has no <c>data</c>.</summary>
public sealed record MeetingUpdatedData : IDurableLiveEventData
{
    public static string EventType => LiveEventTypes.MeetingUpdated;
    public static string ReadPermission => Permissions.Meetings.Read;
}

/// <summary>The data of <c>impactProgress</c> (object = proposal, revision = draft revision). Ephemeral.</summary>
/// <param name="ProposalId">The proposal whose impact is computed.</param>
/// <param name="ProposalRevision">The draft revision.</param>
/// <param name="Status"><c>computing</c>, <c>ready</c> or <c>failed</c>.</param>
/// <param name="Processed">Leads evaluated so far.</param>
/// <param name="Total">Leads to evaluate.</param>
public sealed record ImpactProgressData(Guid ProposalId, int ProposalRevision, string Status, int Processed, int Total) : ILiveEventData
{
    public static string EventType => LiveEventTypes.ImpactProgress;
    public static string ReadPermission => Permissions.Proposals.Read;
}

/// <summary>One person on a proposal, in <see cref="PresenceChangedData"/>.</summary>
/// <param name="Mode"><c>viewing</c> or <c>editing</c>.</param>
public sealed record PresenceUser(string UserId, string DisplayName, string Mode);

/// <summary>The data of <c>presenceChanged</c> (object = proposal): everyone on it now. Ephemeral.</summary>
public sealed record PresenceChangedData(IReadOnlyList<PresenceUser> Users) : ILiveEventData
{
    public static string EventType => LiveEventTypes.PresenceChanged;
    public static string ReadPermission => Permissions.Proposals.Read;
}

/// <summary>The data of <c>leadsRescored</c> (object = playbook): progress of re-scoring stored leads after a publish.</summary>
public sealed record LeadsRescoredData(Guid JobId, Guid PlaybookId, int Version, int Processed, int Total, int Changed, bool Completed)
    : IDurableLiveEventData
{
    public static string EventType => LiveEventTypes.LeadsRescored;
    public static string ReadPermission => Permissions.Leads.Read;
}

/// <summary>The data of <c>leadImportProgress</c> (object = the import job), once per committed chunk (decision 0037).</summary>
/// <param name="Accepted">Rows landed so far (created + updated + unchanged).</param>
public sealed record LeadImportProgressData(Guid JobId, string Status, long CommittedLine, long Rows, long Accepted, long RejectedCount, long BytesRead, long Bytes)
    : IDurableLiveEventData
{
    public static string EventType => LiveEventTypes.LeadImportProgress;
    public static string ReadPermission => Permissions.Leads.Read;
}
