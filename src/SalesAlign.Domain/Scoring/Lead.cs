using System.Text.Json;

namespace SalesAlign.Domain.Scoring;

/// <summary>
/// A lead as an integration sends it: field values keyed by the playbook's field keys, and engagement events.
/// A missing field, or one whose value is JSON null, is unknown — never zero.
/// </summary>
public sealed record LeadData(IReadOnlyDictionary<string, JsonElement> Fields, IReadOnlyList<EngagementEvent> Events)
{
    public static LeadData Empty { get; } = new(new Dictionary<string, JsonElement>(), []);
}

/// <summary>Something a lead did, at a moment; its type must be one the playbook declares.</summary>
public readonly record struct EngagementEvent(string Type, DateTimeOffset OccurredAt);

public enum Route { Nurture, Sales }

public enum RuleKind { Fit, Engagement, Mql, Sql }

/// <summary>One line of a score's explanation: a rule that was evaluated, whether it fired, and what it added.</summary>
public sealed record RuleHit(RuleKind Kind, string RuleId, string Label, bool Fired, double Points, string Detail);

/// <summary>
/// The result of evaluating a lead against a playbook as of a moment. <see cref="Explanation"/> lists every
/// rule that fired (and every SQL check with its state), so nobody has to ask where a score came from.
/// </summary>
public sealed record LeadScore(
    DateTimeOffset AsOf,
    double FitScore,
    string FitGrade,
    double EngagementScore,
    bool IsMql,
    IReadOnlyList<SqlCheckState> SqlChecklist,
    bool IsSqlReady,
    Route Route,
    IReadOnlyList<RuleHit> Explanation);

public sealed record SqlCheckState(string Id, string Label, bool Passed);
