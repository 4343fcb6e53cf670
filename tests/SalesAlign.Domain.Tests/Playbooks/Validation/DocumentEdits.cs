using System.Text.Json;
using SalesAlign.Domain.Playbooks.Validation;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Samples;

namespace SalesAlign.Domain.Tests.Playbooks.Validation;

/// <summary>Builds invalid variants of the sample playbook; indexes refer to the sample's lists.</summary>
internal static class DocumentEdits
{
    public const int Title = 0, Seniority = 1, CompanySize = 3, TechStack = 7, IsCompetitor = 9, ContractEnds = 14;
    public const int BandA = 0, BandB = 1, BandC = 2, BandD = 3;

    public static PlaybookDocument Sample() => SamplePlaybooks.B2BSaas();

    /// <summary>The problems as (path, code) pairs, in the order they were found, for exact comparison.</summary>
    public static List<(string Path, string Code)> Problems(this PlaybookDocument document) =>
        PlaybookValidation.Validate(document).Select(p => (p.Path, p.Code)).ToList();

    public static IReadOnlyList<T> Replace<T>(this IReadOnlyList<T> list, int index, Func<T, T> edit) =>
        list.Select((item, i) => i == index ? edit(item) : item).ToList();

    public static IReadOnlyList<T> Append<T>(this IReadOnlyList<T> list, params T[] items) => [.. list, .. items];

    public static IReadOnlyList<T> Without<T>(this IReadOnlyList<T> list, int index) =>
        list.Where((_, i) => i != index).ToList();

    public static PlaybookDocument WithField(this PlaybookDocument doc, int index, Func<FieldDefinition, FieldDefinition> edit) =>
        doc with { Fields = doc.Fields.Replace(index, edit) };

    public static PlaybookDocument WithCriterion(this PlaybookDocument doc, int index, Func<FitCriterion, FitCriterion> edit) =>
        doc with { Icp = doc.Icp with { Criteria = doc.Icp.Criteria.Replace(index, edit) } };

    public static PlaybookDocument WithCriterionCondition(this PlaybookDocument doc, int index, Condition condition) =>
        doc.WithCriterion(index, c => c with { Condition = condition });

    public static PlaybookDocument WithMql(this PlaybookDocument doc, Condition condition) =>
        doc with { Mql = new MqlSection { Condition = condition } };

    public static PlaybookDocument WithSqlCondition(this PlaybookDocument doc, int index, Condition condition) =>
        doc with { Sql = new SqlSection { Checklist = doc.Sql.Checklist.Replace(index, c => c with { Condition = condition }) } };

    public static PlaybookDocument WithBands(this PlaybookDocument doc, params GradeBand[] bands) =>
        doc with { Icp = doc.Icp with { GradeBands = bands } };

    public static PlaybookDocument WithRule(this PlaybookDocument doc, int index, Func<EngagementRule, EngagementRule> edit) =>
        doc with { Scoring = new ScoringSection { Rules = doc.Scoring.Rules.Replace(index, edit) } };

    public static PlaybookDocument WithStage(this PlaybookDocument doc, int index, Func<StageDefinition, StageDefinition> edit) =>
        doc with { Stages = doc.Stages.Replace(index, edit) };

    public static PlaybookDocument WithHandoff(this PlaybookDocument doc, Func<HandoffSection, HandoffSection> edit) =>
        doc with { Handoff = edit(doc.Handoff) };

    public static PlaybookDocument WithConversion(this PlaybookDocument doc, int index, Func<ConversionTarget, ConversionTarget> edit) =>
        doc with { Targets = doc.Targets with { Conversions = doc.Targets.Conversions.Replace(index, edit) } };

    public static GradeBand Band(string grade, double? min, double? max) => new() { Grade = grade, Min = min, Max = max };

    /// <param name="json">The comparison's value as JSON text; null leaves the value out.</param>
    public static ComparisonCondition Compare(string field, ComparisonOperator op, string? json = null) =>
        new(field, op, json is null ? null : JsonDocument.Parse(json).RootElement.Clone());

    public static AllCondition All(params Condition[] conditions) => new(conditions);

    public static AnyCondition Any(params Condition[] conditions) => new(conditions);

    public static Condition Nest(Condition inner, int levels)
    {
        for (var i = 0; i < levels; i++)
            inner = new NotCondition(inner);
        return inner;
    }

    public static FieldDefinition Field(string key, FieldType type = FieldType.Text, params string[] allowedValues) =>
        new() { Key = key, Label = key, Type = type, AllowedValues = allowedValues.Length == 0 ? null : allowedValues };

    public static FieldDefinition[] ManyFields(int count, string prefix = "extra") =>
        Enumerable.Range(0, count).Select(i => Field($"{prefix}{i}")).ToArray();
}
