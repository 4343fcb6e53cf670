using System.Text.Json;

namespace SalesAlign.Domain.Playbooks;

/// <summary>
/// The qualification agreement between marketing and sales: the content of a published version or of a
/// proposal's draft. Immutable; every write goes through validation before it is stored.
/// </summary>
public sealed record PlaybookDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public IReadOnlyList<FieldDefinition> Fields { get; init; } = [];
    public IReadOnlyList<EventTypeDefinition> EventTypes { get; init; } = [];
    public IcpSection Icp { get; init; } = new();
    public ScoringSection Scoring { get; init; } = new();
    public MqlSection Mql { get; init; } = new();
    public SqlSection Sql { get; init; } = new();
    public IReadOnlyList<StageDefinition> Stages { get; init; } = [];
    public HandoffSection Handoff { get; init; } = new();
    public TargetsSection Targets { get; init; } = new();

    /// <summary>Who must approve a change to this playbook. Absent means one Marketing and one Sales Approver.</summary>
    public ApprovalSection? Approval { get; init; }
}

public enum FieldType { Text, Number, Boolean, Date, Choice, MultiChoice }

public enum Team { Marketing, Sales }

/// <summary>A lead attribute both teams talk about; rules may only reference declared fields.</summary>
public sealed record FieldDefinition
{
    public required string Key { get; init; }
    public required string Label { get; init; }
    public required FieldType Type { get; init; }
    public IReadOnlyList<string>? AllowedValues { get; init; }
    public string? Description { get; init; }
}

/// <summary>An engagement event type (e.g. <c>pricing_page_view</c>) that leads report and rules score.</summary>
public sealed record EventTypeDefinition
{
    public required string Key { get; init; }
    public required string Label { get; init; }
    public string? Description { get; init; }
}

public sealed record IcpSection
{
    public IReadOnlyList<FitCriterion> Criteria { get; init; } = [];
    public IReadOnlyList<GradeBand> GradeBands { get; init; } = [];
}

public sealed record FitCriterion
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public required Condition Condition { get; init; }
    public required double Points { get; init; }
}

/// <summary>Maps a fit score to a grade: <c>Min</c> inclusive, <c>Max</c> exclusive, null is unbounded.</summary>
public sealed record GradeBand
{
    public required string Grade { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
}

public sealed record ScoringSection
{
    public IReadOnlyList<EngagementRule> Rules { get; init; } = [];
}

/// <summary>
/// Points for each event of a type. <c>Cap</c> bounds the absolute total the rule can contribute;
/// <c>Decay</c> makes old events count less (half-life) or not at all (expiry).
/// </summary>
public sealed record EngagementRule
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public required string EventType { get; init; }
    public required double Points { get; init; }
    public double? Cap { get; init; }
    public Decay? Decay { get; init; }
}

public sealed record Decay
{
    public double? HalfLifeDays { get; init; }
    public double? ExpiresAfterDays { get; init; }
}

public sealed record MqlSection
{
    public Condition Condition { get; init; } = new AllCondition([]);
}

public sealed record SqlSection
{
    public IReadOnlyList<SqlCriterion> Checklist { get; init; } = [];
}

public sealed record SqlCriterion
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public required Condition Condition { get; init; }
}

/// <summary>A funnel stage. Exactly one stage is the hand-off point from marketing to sales.</summary>
public sealed record StageDefinition
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required Team Owner { get; init; }
    public bool Handoff { get; init; }
}

public sealed record HandoffSection
{
    public double ServiceLevelHours { get; init; } = 24;
    public IReadOnlyList<RejectionReason> RejectionReasons { get; init; } = [];
    public string RejectedStage { get; init; } = "";
}

public sealed record RejectionReason
{
    public required string Key { get; init; }
    public required string Label { get; init; }
}

public sealed record TargetsSection
{
    public IReadOnlyList<ConversionTarget> Conversions { get; init; } = [];
    public double? SalesCycleDays { get; init; }
}

public sealed record ConversionTarget
{
    public required string From { get; init; }
    public required string To { get; init; }
    public required double Rate { get; init; }
}

/// <summary>
/// The approval policy lives in the document so that it is versioned and can only change through an approved
/// proposal; the policy of the version in force applies to a proposal, never the draft's own.
/// </summary>
public sealed record ApprovalSection
{
    public int MarketingApprovals { get; init; } = 1;
    public int SalesApprovals { get; init; } = 1;
    public IReadOnlyList<SectionOwnerRule> SectionOwners { get; init; } = [];
}

/// <summary>Like a code owner: a change under <c>Path</c> (e.g. <c>/sql</c>) needs <c>Approvals</c> from <c>Team</c>.</summary>
public sealed record SectionOwnerRule
{
    public required string Path { get; init; }
    public required Team Team { get; init; }
    public int Approvals { get; init; } = 1;
}

/// <summary>
/// Values a condition can compare besides declared fields. They exist only once a lead has been graded,
/// so only the MQL rule may use them.
/// </summary>
public static class BuiltInOperands
{
    public const string FitScore = "fitScore";
    public const string FitGrade = "fitGrade";
    public const string EngagementScore = "engagementScore";

    public static bool IsBuiltIn(string name) =>
        name is FitScore or FitGrade or EngagementScore;
}

public enum ComparisonOperator { Eq, Neq, In, NotIn, Gt, Gte, Lt, Lte, Between, Contains, Exists }

/// <summary>
/// A condition is data, never code: a small typed tree of <c>all</c>/<c>any</c>/<c>not</c> over comparisons.
/// JSON: <c>{"all":[…]}</c>, <c>{"any":[…]}</c>, <c>{"not":{…}}</c>, <c>{"field":"title","op":"in","value":[…]}</c>.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ConditionJsonConverter))]
public abstract record Condition;

public sealed record AllCondition(IReadOnlyList<Condition> Conditions) : Condition;

public sealed record AnyCondition(IReadOnlyList<Condition> Conditions) : Condition;

public sealed record NotCondition(Condition Condition) : Condition;

/// <summary>A comparison of one field (or built-in operand) with a constant, checked against the field's type.</summary>
public sealed record ComparisonCondition(string Field, ComparisonOperator Op, JsonElement? Value) : Condition;
