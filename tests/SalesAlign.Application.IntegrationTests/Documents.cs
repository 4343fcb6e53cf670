using System.Text.Json;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Samples;

namespace SalesAlign.Application.IntegrationTests;

/// <summary>Variants of the sample playbook, built in one place.</summary>
internal static class Documents
{
    public static PlaybookDocument Sample => SamplePlaybooks.B2BSaas();

    public static PlaybookDocument WithCriterionPoints(this PlaybookDocument d, int index, double points) =>
        d with { Icp = d.Icp with { Criteria = d.Icp.Criteria.Select((c, i) => i == index ? c with { Points = points } : c).ToList() } };

    public static PlaybookDocument WithRulePoints(this PlaybookDocument d, int index, double points) =>
        d with { Scoring = new ScoringSection { Rules = d.Scoring.Rules.Select((r, i) => i == index ? r with { Points = points } : r).ToList() } };

    public static PlaybookDocument WithRuleEventType(this PlaybookDocument d, int index, string eventType) =>
        d with { Scoring = new ScoringSection { Rules = d.Scoring.Rules.Select((r, i) => i == index ? r with { EventType = eventType } : r).ToList() } };

    public static JsonElement ToElement(this PlaybookDocument d)
    {
        using var json = JsonDocument.Parse(PlaybookJson.Serialize(d));
        return json.RootElement.Clone();
    }

    public static PlaybookDocument ToDocument(this JsonElement e) => PlaybookJson.Parse(e.GetRawText()).Document!;
}
