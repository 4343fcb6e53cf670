using System.Text.Json;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Samples;

namespace SalesAlign.Application.Tests.Playbooks;

/// <summary>Variants of the sample playbook, built in one place.</summary>
internal static class DocumentEdits
{
    public static PlaybookDocument Sample => SamplePlaybooks.B2BSaas();

    public static ComparisonCondition Cmp(string field, ComparisonOperator op, object? value = null) =>
        new(field, op, value is null ? null : JsonSerializer.SerializeToElement(value));

    public static PlaybookDocument WithCriterionCondition(this PlaybookDocument d, int index, Condition condition) =>
        d with { Icp = d.Icp with { Criteria = d.Icp.Criteria.Select((c, i) => i == index ? c with { Condition = condition } : c).ToList() } };

    public static PlaybookDocument WithCriterion(this PlaybookDocument d, int index, Func<FitCriterion, FitCriterion> edit) =>
        d with { Icp = d.Icp with { Criteria = d.Icp.Criteria.Select((c, i) => i == index ? edit(c) : c).ToList() } };

    public static PlaybookDocument WithRule(this PlaybookDocument d, int index, Func<EngagementRule, EngagementRule> edit) =>
        d with { Scoring = new ScoringSection { Rules = d.Scoring.Rules.Select((r, i) => i == index ? edit(r) : r).ToList() } };

    public static PlaybookDocument WithField(this PlaybookDocument d, int index, Func<FieldDefinition, FieldDefinition> edit) =>
        d with { Fields = d.Fields.Select((f, i) => i == index ? edit(f) : f).ToList() };

    public static PlaybookDocument WithBands(this PlaybookDocument d, params GradeBand[] bands) =>
        d with { Icp = d.Icp with { GradeBands = bands } };

    public static PlaybookDocument WithStage(this PlaybookDocument d, int index, Func<StageDefinition, StageDefinition> edit) =>
        d with { Stages = d.Stages.Select((s, i) => i == index ? edit(s) : s).ToList() };

    public static PlaybookDocument WithMql(this PlaybookDocument d, Condition condition) =>
        d with { Mql = new MqlSection { Condition = condition } };

    public static GradeBand Band(string grade, double? min, double? max) => new() { Grade = grade, Min = min, Max = max };
}
