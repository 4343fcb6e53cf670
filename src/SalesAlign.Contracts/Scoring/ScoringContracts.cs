using System.Text.Json;

namespace SalesAlign.Contracts.Scoring;

/// <summary>A lead to score: field values by field key and engagement events.</summary>
/// <param name="ExternalId">The lead's id in the sender's system, echoed back in the result.</param>
/// <param name="Fields">Values by the playbook's field keys; a missing or null value is unknown.</param>
/// <param name="Events">Engagement events, each of a type the playbook declares.</param>
public sealed record LeadDto(string? ExternalId = null, IReadOnlyDictionary<string, JsonElement>? Fields = null, IReadOnlyList<EngagementEventDto>? Events = null);

/// <summary>Something the lead did and when.</summary>
public sealed record EngagementEventDto(string Type, DateTimeOffset OccurredAt);

/// <summary>Score one lead (<c>lead</c>) or a batch (<c>leads</c>), as of now or of a given moment.</summary>
public sealed record ScoreLeadsRequest(LeadDto? Lead = null, IReadOnlyList<LeadDto>? Leads = null, DateTimeOffset? AsOf = null);

/// <summary>Scores in the order the leads were sent, with the content hash of the playbook that produced them.</summary>
public sealed record ScoreLeadsResponse(string PlaybookHash, DateTimeOffset AsOf, IReadOnlyList<LeadScoreDto> Results);

/// <summary>A lead's score and why: every rule that fired, with its points.</summary>
public sealed record LeadScoreDto(
    string? ExternalId,
    double FitScore,
    string FitGrade,
    double EngagementScore,
    bool IsMql,
    bool IsSqlReady,
    string Route,
    IReadOnlyList<SqlCheckDto> SqlChecklist,
    IReadOnlyList<RuleHitDto> Explanation);

/// <summary>One SQL acceptance check and whether the lead passes it.</summary>
public sealed record SqlCheckDto(string Id, string Label, bool Passed);

/// <summary>One evaluated rule: its kind (fit, engagement, mql, sql), whether it fired, and its points.</summary>
public sealed record RuleHitDto(string Kind, string RuleId, string Label, bool Fired, double Points, string Detail);
