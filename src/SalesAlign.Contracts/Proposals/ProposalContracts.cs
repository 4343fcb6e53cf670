using System.Text.Json;
using SalesAlign.Contracts.Playbooks;

namespace SalesAlign.Contracts.Proposals;

/// <summary>A proposal: its draft, status, revision (send it back as <c>If-Match</c>), reviews and who still has to approve.</summary>
public sealed record ProposalDto(
    Guid Id,
    Guid PlaybookId,
    string Title,
    string? Rationale,
    int BaseVersion,
    bool IsStale,
    string Status,
    int Revision,
    string AuthorId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int? PublishedVersion,
    JsonElement Draft,
    IReadOnlyList<ReviewDto> Reviews,
    IReadOnlyList<MissingApprovalDto> MissingApprovals);

public sealed record ProposalSummaryDto(Guid Id, string Title, string Status, int Revision, int BaseVersion, string AuthorId, DateTimeOffset UpdatedAt);

public sealed record ReviewDto(Guid Id, string ReviewerId, string Team, string Decision, string? Comment, DateTimeOffset At, int DraftRevision, bool Dismissed);

public sealed record MissingApprovalDto(string Team, int Required, int Given, string Reason);

/// <summary>Open a proposal. Without a document, the draft starts as a copy of the current version.</summary>
public sealed record CreateProposalRequest(string Title, string? Rationale = null, JsonElement? Document = null);

/// <summary>A new title, rationale and/or draft document. Send the revision you edited as <c>If-Match</c>.</summary>
public sealed record UpdateProposalRequest(string? Title = null, string? Rationale = null, JsonElement? Document = null);

/// <summary>decision ∈ approve, requestChanges, reject.</summary>
public sealed record ReviewRequest(string Decision, string? Comment = null);

/// <summary>Publish an approved proposal; an Admin may publish without approvals with a justification.</summary>
public sealed record PublishRequest(string? ChangeSummary = null, string? OverrideJustification = null);

/// <summary>Rebase onto the current version; for conflicts returned earlier, choose ours, theirs or base per path.</summary>
public sealed record RebaseRequest(IReadOnlyDictionary<string, string>? Resolutions = null);

public sealed record RebaseConflictDto(string Path, string Key, JsonElement? Base, JsonElement? Theirs, JsonElement? Ours, string Description);

/// <summary>The rebased proposal, or the conflicts to resolve (the proposal is then unchanged).</summary>
public sealed record RebaseResponse(bool Clean, ProposalDto? Proposal, IReadOnlyList<RebaseConflictDto> Conflicts);

public sealed record PublishResponse(ProposalDto Proposal, VersionDto Version);

/// <summary>A comment, optionally anchored to a JSON Pointer in the draft (e.g. <c>/icp/criteria/2/points</c>).</summary>
public sealed record CommentDto(Guid Id, string AuthorId, string Body, string? Path, DateTimeOffset CreatedAt);

public sealed record CreateCommentRequest(string Body, string? Path = null);

public sealed record ProposalDiffDto(int BaseVersion, IReadOnlyList<ChangeDto> Changes);
