using System.Text.Json;
using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Domain.Tests.Playbooks;

/// <summary>Edits of a playbook by key, in one place, so tests say what changes and not how lists are rebuilt.</summary>
internal static class PlaybookEdits
{
    public static PlaybookDocument WithCriterionPoints(this PlaybookDocument doc, string id, double points) =>
        doc.WithCriteria(doc.Icp.Criteria.Select(c => c.Id == id ? c with { Points = points } : c));

    public static PlaybookDocument WithCriterionCondition(this PlaybookDocument doc, string id, Condition condition) =>
        doc.WithCriteria(doc.Icp.Criteria.Select(c => c.Id == id ? c with { Condition = condition } : c));

    public static PlaybookDocument WithCriterion(this PlaybookDocument doc, FitCriterion criterion) =>
        doc.WithCriteria([.. doc.Icp.Criteria, criterion]);

    public static PlaybookDocument WithoutCriterion(this PlaybookDocument doc, string id) =>
        doc.WithCriteria(doc.Icp.Criteria.Where(c => c.Id != id));

    public static PlaybookDocument WithCriteria(this PlaybookDocument doc, IEnumerable<FitCriterion> criteria) =>
        doc with { Icp = doc.Icp with { Criteria = [.. criteria] } };

    public static PlaybookDocument WithRule(this PlaybookDocument doc, EngagementRule rule) =>
        doc.WithRules([.. doc.Scoring.Rules, rule]);

    public static PlaybookDocument WithRuleEdited(this PlaybookDocument doc, string id, Func<EngagementRule, EngagementRule> edit) =>
        doc.WithRules(doc.Scoring.Rules.Select(r => r.Id == id ? edit(r) : r));

    public static PlaybookDocument WithoutRule(this PlaybookDocument doc, string id) =>
        doc.WithRules(doc.Scoring.Rules.Where(r => r.Id != id));

    public static PlaybookDocument WithRules(this PlaybookDocument doc, IEnumerable<EngagementRule> rules) =>
        doc with { Scoring = doc.Scoring with { Rules = [.. rules] } };

    public static PlaybookDocument WithFieldEdited(this PlaybookDocument doc, string key, Func<FieldDefinition, FieldDefinition> edit) =>
        doc with { Fields = [.. doc.Fields.Select(f => f.Key == key ? edit(f) : f)] };

    public static PlaybookDocument WithoutField(this PlaybookDocument doc, string key) =>
        doc with { Fields = [.. doc.Fields.Where(f => f.Key != key)] };

    public static PlaybookDocument WithStageName(this PlaybookDocument doc, string key, string name) =>
        doc with { Stages = [.. doc.Stages.Select(s => s.Key == key ? s with { Name = name } : s)] };

    public static PlaybookDocument WithStageInsertedAfter(this PlaybookDocument doc, string previousKey, StageDefinition stage)
    {
        var stages = doc.Stages.ToList();
        stages.Insert(stages.FindIndex(s => s.Key == previousKey) + 1, stage);
        return doc with { Stages = stages };
    }

    /// <summary>Swaps two stages where they stand, whatever else has moved.</summary>
    public static PlaybookDocument WithStagesSwapped(this PlaybookDocument doc, string a, string b) =>
        doc with
        {
            Stages = [.. doc.Stages.Select(s =>
                s.Key == a ? doc.Stages.Single(x => x.Key == b) : s.Key == b ? doc.Stages.Single(x => x.Key == a) : s)],
        };

    public static PlaybookDocument WithoutRejectionReason(this PlaybookDocument doc, string key) =>
        doc with { Handoff = doc.Handoff with { RejectionReasons = [.. doc.Handoff.RejectionReasons.Where(r => r.Key != key)] } };

    public static PlaybookDocument WithServiceLevel(this PlaybookDocument doc, double hours) =>
        doc with { Handoff = doc.Handoff with { ServiceLevelHours = hours } };

    public static PlaybookDocument WithMqlCondition(this PlaybookDocument doc, Condition condition) =>
        doc with { Mql = doc.Mql with { Condition = condition } };

    public static EngagementRule Rule(string id, string label, string eventType, double points) =>
        new() { Id = id, Label = label, EventType = eventType, Points = points };

    public static FitCriterion Criterion(string id, string label, string field, string value, double points) =>
        new() { Id = id, Label = label, Condition = Eq(field, value), Points = points };

    public static ComparisonCondition Eq(string field, string value) =>
        new(field, ComparisonOperator.Eq, JsonSerializer.SerializeToElement(value));

    public static ComparisonCondition Gte(string field, double value) =>
        new(field, ComparisonOperator.Gte, JsonSerializer.SerializeToElement(value));
}
