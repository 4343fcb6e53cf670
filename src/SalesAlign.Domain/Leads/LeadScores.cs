using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Leads;

/// <summary>
/// A stored lead's current score under one playbook: the version that produced it, when, and the numbers.
/// Absent means unscored — never a zero score.
/// </summary>
public sealed class LeadCurrentScore : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid LeadId { get; set; }

    public Guid PlaybookId { get; set; }

    public int Version { get; set; }

    /// <summary>The moment the score is computed as of (engagement decays with time).</summary>
    public DateTimeOffset ScoredAt { get; set; }

    public double FitScore { get; set; }

    public required string FitGrade { get; set; }

    public double EngagementScore { get; set; }

    public bool IsMql { get; set; }

    public bool IsSqlReady { get; set; }

    /// <summary><c>Sales</c> or <c>Nurture</c>.</summary>
    public required string Route { get; set; }
}

/// <summary>One change of a stored lead's score: which version, when, the new numbers, and why it changed.</summary>
public sealed class LeadScoreChange : ITenantOwned, IInsertOnly
{
    public const int MaxReasonLength = 500;

    public Guid TenantId { get; set; }

    public long Id { get; init; }

    public Guid LeadId { get; init; }

    public Guid PlaybookId { get; init; }

    public int Version { get; init; }

    public DateTimeOffset ScoredAt { get; init; }

    public double FitScore { get; init; }

    public required string FitGrade { get; init; }

    public double EngagementScore { get; init; }

    public bool IsMql { get; init; }

    public bool IsSqlReady { get; init; }

    public required string Route { get; init; }

    /// <summary>Why: e.g. "first score", "lead data changed", "version 3 published", and what moved.</summary>
    public required string Reason { get; init; }
}

/// <summary>Why a stored lead's score was (re)computed.</summary>
public static class ScoreChangeReasons
{
    public const string FirstScore = "first score";
    public const string LeadChanged = "lead data changed";

    public static string VersionPublished(int version) => $"version {version} published";
}
