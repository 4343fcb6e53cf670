using SalesAlign.Contracts.Proposals;

namespace SalesAlign.Contracts.Meetings;

/// <summary>A meeting with its agenda; <c>Revision</c> is the ETag to send back as <c>If-Match</c>.</summary>
public sealed record MeetingDto(
    Guid Id,
    Guid PlaybookId,
    string Title,
    DateTimeOffset ScheduledFor,
    IReadOnlyList<string> Attendees,
    string? Minutes,
    string Status,
    int Revision,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<AgendaItemDto> Agenda);

/// <summary>
/// One agenda item, in agenda order. <c>Kind</c> is <c>proposalReview</c> (with <c>Proposal</c>) or
/// <c>disputedMqls</c> (with <c>RejectionReasonKey</c> and <c>DisputedLeads</c>: how many leads sales rejected with
/// that reason in the 7 days before the meeting was planned). <c>Decision</c> is null until decided.
/// </summary>
public sealed record AgendaItemDto(
    Guid Id,
    string Kind,
    int Position,
    AgendaProposalDto? Proposal,
    string? RejectionReasonKey,
    string? Decision,
    string? Notes,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    int? DisputedLeads = null);

/// <summary>The proposal behind an agenda item as it is now: status and who still has to approve under the current policy.</summary>
public sealed record AgendaProposalDto(
    Guid Id,
    string Title,
    string Status,
    int Revision,
    string AuthorId,
    bool IsStale,
    IReadOnlyList<ReviewDto> Reviews,
    IReadOnlyList<MissingApprovalDto> MissingApprovals);

public sealed record MeetingSummaryDto(Guid Id, Guid PlaybookId, string Title, DateTimeOffset ScheduledFor, string Status, int Revision, int AgendaItems);

/// <summary>Plan a meeting; the agenda is filled with the playbook's proposals in review or approved.</summary>
public sealed record CreateMeetingRequest(Guid PlaybookId, string Title, DateTimeOffset ScheduledFor, IReadOnlyList<string>? Attendees = null);

/// <summary>
/// Any subset of: title, time, attendees, minutes, agenda order (every item id exactly once), status
/// (<c>planned</c> → <c>inProgress</c> → <c>closed</c>). Send the revision you edited as <c>If-Match</c>.
/// </summary>
public sealed record UpdateMeetingRequest(
    string? Title = null,
    DateTimeOffset? ScheduledFor = null,
    IReadOnlyList<string>? Attendees = null,
    string? Minutes = null,
    IReadOnlyList<Guid>? Agenda = null,
    string? Status = null);

/// <summary>decision ∈ approve, reject (proposal items, recorded as your review), defer (any item), openProposal (disputed-MQL items).</summary>
public sealed record RecordDecisionRequest(Guid ItemId, string Decision, string? Notes = null);
