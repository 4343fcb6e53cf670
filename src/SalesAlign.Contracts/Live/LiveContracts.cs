using System.Text.Json;

namespace SalesAlign.Contracts.Live;

/// <summary>
/// One committed change, as every client sees it: over the hub, in <c>GET /t/{tenant}/events?after=</c>, and in
/// webhook deliveries. <c>Seq</c> increases by one per tenant, so a client that sees a gap knows it missed something.
/// </summary>
/// <param name="Type">One of <see cref="LiveEventTypes"/>.</param>
/// <param name="Tenant">The tenant's slug.</param>
/// <param name="Seq">Per-tenant sequence number, without gaps.</param>
/// <param name="At">When the change committed.</param>
/// <param name="ActorId">Who did it.</param>
/// <param name="ObjectId">The changed object (proposal, playbook, meeting…).</param>
/// <param name="Revision">The object's new revision, where it has one.</param>
/// <param name="Data">Event-specific details (e.g. the changed document paths of <c>proposalUpdated</c>).</param>
public sealed record LiveEventDto(string Type, string Tenant, long Seq, DateTimeOffset At, string ActorId, string? ObjectId, int? Revision, JsonElement? Data);

/// <summary>The event names of the contract (SPEC §3).</summary>
public static class LiveEventTypes
{
    public const string ProposalCreated = "proposalCreated";
    public const string ProposalUpdated = "proposalUpdated";
    public const string ProposalStatusChanged = "proposalStatusChanged";
    public const string ReviewSubmitted = "reviewSubmitted";
    public const string CommentAdded = "commentAdded";
    public const string PlaybookPublished = "playbookPublished";
    public const string MeetingUpdated = "meetingUpdated";
    public const string ImpactProgress = "impactProgress";
    public const string PresenceChanged = "presenceChanged";
    /// <summary>Progress of re-scoring stored leads after a publish (object = playbook; data = <c>LeadsRescoredData</c>).</summary>
    public const string LeadsRescored = "leadsRescored";
    /// <summary>Progress of a CSV import job, once per committed chunk (object = the job; data = <c>LeadImportProgressData</c>).</summary>
    public const string LeadImportProgress = "leadImportProgress";

    public static IReadOnlyList<string> All { get; } =
        [ProposalCreated, ProposalUpdated, ProposalStatusChanged, ReviewSubmitted, CommentAdded, PlaybookPublished, MeetingUpdated, ImpactProgress, PresenceChanged, LeadsRescored, LeadImportProgress];
}
