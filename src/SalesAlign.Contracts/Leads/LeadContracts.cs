using System.Text.Json;
using SalesAlign.Contracts.Scoring;

namespace SalesAlign.Contracts.Leads;

/// <summary>Leads to create or update by external id (1 to 1,000), with field values and engagement events.</summary>
/// <param name="Leads">Each lead's <c>externalId</c> is required and unique within the batch. Sent values replace stored ones, a
/// sent <c>null</c> clears one, fields not sent stay; events are added to the stored ones (an event already stored is not added twice).</param>
public sealed record UpsertLeadsRequest(IReadOnlyList<LeadDto> Leads);

/// <summary>What a batch did, lead by lead, in the order sent.</summary>
/// <param name="DataVersion">The tenant's lead-data version after the batch (unchanged when nothing changed).</param>
public sealed record UpsertLeadsResponse(Guid PlaybookId, int Created, int Updated, int Unchanged, IReadOnlyList<UpsertedLeadDto> Leads, long DataVersion);

/// <summary>One lead of a batch: <c>created</c>, <c>updated</c> or <c>unchanged</c>, and its revision now.</summary>
public sealed record UpsertedLeadDto(string ExternalId, Guid Id, string Status, int Revision);

/// <summary>The outcome of a CSV import: rows accepted and each rejected row with its line number and reason.</summary>
/// <param name="Rows">Data rows read (the header not counted).</param>
/// <param name="Rejected">Rejected rows, in file order; at most <c>RejectedLimit</c> are listed, <c>RejectedCount</c> counts them all.</param>
public sealed record ImportLeadsResponse(
    Guid PlaybookId,
    long Rows,
    long Accepted,
    long Created,
    long Updated,
    long Unchanged,
    long RejectedCount,
    IReadOnlyList<RejectedRowDto> Rejected,
    bool RejectedTruncated,
    long DataVersion);

/// <summary>A row that was not written, and why. <c>Line</c> is the 1-based line of the file where the row starts.</summary>
public sealed record RejectedRowDto(long Line, string? ExternalId, string Code, string Message, string? Column = null);

/// <summary>A stored lead with its values, events, funnel, outcomes, current score and score history.</summary>
public sealed record LeadDetailDto(
    Guid Id,
    string ExternalId,
    Guid PlaybookId,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, JsonElement> Fields,
    IReadOnlyList<EngagementEventDto> Events,
    LeadFunnelDto Funnel,
    IReadOnlyList<LeadOutcomeDto> Outcomes,
    LeadScoreStateDto Score,
    IReadOnlyList<ScoreChangeDto> ScoreHistory);

/// <summary>Where the lead got to in the funnel, and when (null = not reached).</summary>
public sealed record LeadFunnelDto(
    string Stage,
    DateTimeOffset? MqlAt,
    int? MqlVersion,
    DateTimeOffset? FirstContactAt,
    DateTimeOffset? SqlAt,
    DateTimeOffset? RejectedAt,
    string? RejectionReason,
    DateTimeOffset? OpportunityAt,
    DateTimeOffset? WonAt,
    DateTimeOffset? LostAt,
    decimal? Amount);

/// <summary>
/// The lead's stored score under its playbook. <c>Status</c> is <c>scored</c> or <c>unscored</c>; an unscored lead has
/// no numbers at all (never zeros).
/// </summary>
public sealed record LeadScoreStateDto(
    string Status,
    int? Version = null,
    DateTimeOffset? ScoredAt = null,
    double? FitScore = null,
    string? FitGrade = null,
    double? EngagementScore = null,
    bool? IsMql = null,
    bool? IsSqlReady = null,
    string? Route = null);

/// <summary>One change of the stored score: which version, when, the numbers, and why.</summary>
public sealed record ScoreChangeDto(int Version, DateTimeOffset ScoredAt, double FitScore, string FitGrade, double EngagementScore, bool IsMql, bool IsSqlReady, string Route, string Reason);

/// <summary>A lead in a list.</summary>
public sealed record LeadSummaryDto(Guid Id, string ExternalId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Stage, int EventCount, string? FitGrade, bool? IsMql, string? Route);

/// <summary>
/// Something that happened to a lead. <c>Kind</c>: <c>mqlReached</c>, <c>firstContact</c>, <c>sqlAccepted</c>, <c>rejected</c>
/// (with <c>reason</c>, one of the playbook's rejection reasons), <c>opportunityCreated</c>, <c>won</c> or <c>lost</c> (with <c>amount</c>).
/// </summary>
public sealed record RecordOutcomeRequest(string Kind, DateTimeOffset? OccurredAt = null, string? Reason = null, decimal? Amount = null);

/// <summary>A recorded outcome, with the playbook version that was in force when the lead became an MQL.</summary>
public sealed record LeadOutcomeDto(Guid Id, string Kind, DateTimeOffset OccurredAt, string? Reason, decimal? Amount, Guid? MqlPlaybookId, int? MqlVersion, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>
/// A CSV import too large to answer inline, run as a job (<c>GET /t/{tenant}/imports/{id}</c>; decision 0037). The counts
/// are exactly what has been committed so far: <c>Accepted</c> rows landed (created + updated + unchanged), rejected rows
/// are listed with line and reason (at most 1,000; <c>RejectedCount</c> counts all). <c>Status</c>: <c>queued</c>,
/// <c>running</c>, <c>succeeded</c>, <c>failed</c> (then <c>Error</c> says why; committed rows stay).
/// </summary>
public sealed record LeadImportJobDto(
    Guid Id,
    string Status,
    Guid PlaybookId,
    long Bytes,
    long BytesRead,
    long CommittedLine,
    long Rows,
    long Accepted,
    long Created,
    long Updated,
    long Unchanged,
    long RejectedCount,
    IReadOnlyList<RejectedRowDto> Rejected,
    bool RejectedTruncated,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? Error);

/// <summary>The states of an import job.</summary>
public static class ImportJobStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
