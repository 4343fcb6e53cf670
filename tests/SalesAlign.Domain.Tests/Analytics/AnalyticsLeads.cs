using System.Text.Json;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Domain.Tests.Analytics;

/// <summary>Deterministic leads with funnels for the sample playbook, and drafts derived from it.</summary>
internal static class AnalyticsLeads
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static (LeadData[] Data, LeadFunnel[] Funnels) Generate(PlaybookDocument document, int count, int seed = 7)
    {
        var random = new Random(seed);
        var data = new LeadData[count];
        var funnels = new LeadFunnel[count];
        for (var i = 0; i < count; i++)
        {
            var fields = new Dictionary<string, JsonElement>();
            foreach (var field in document.Fields)
            {
                if (random.NextDouble() < 0.2)
                    continue;
                fields[field.Key] = field.Type switch
                {
                    FieldType.Number => JsonSerializer.SerializeToElement(Math.Round(Math.Exp(random.NextDouble() * 10), 0)),
                    FieldType.Boolean => JsonSerializer.SerializeToElement(random.NextDouble() < 0.4),
                    FieldType.Date => JsonSerializer.SerializeToElement(DateOnly.FromDateTime(Now.UtcDateTime).AddDays(random.Next(-100, 600)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                    FieldType.Choice => JsonSerializer.SerializeToElement(field.AllowedValues![random.Next(field.AllowedValues.Count)]),
                    FieldType.MultiChoice => JsonSerializer.SerializeToElement(field.AllowedValues!.Where(_ => random.NextDouble() < 0.3).ToArray()),
                    _ => JsonSerializer.SerializeToElement(random.NextDouble() < 0.3 ? "Head of Marketing" : "Operations Analyst"),
                };
            }
            var created = Now.AddHours(-random.Next(0, 24 * 240));
            var events = Enumerable.Range(0, random.Next(0, 16))
                .Select(_ => new EngagementEvent(document.EventTypes[random.Next(document.EventTypes.Count)].Key, created.AddHours(random.Next(0, 24 * 30))))
                .ToArray();
            data[i] = new LeadData(fields, events);

            var funnel = new LeadFunnel(created);
            if (random.NextDouble() < 0.5)
            {
                funnel = funnel with { MqlAt = created.AddDays(2), MqlVersion = 1 };
                if (random.NextDouble() < 0.5)
                    funnel = funnel with { SqlAt = created.AddDays(4) };
                if (funnel.SqlAt is not null && random.NextDouble() < 0.4)
                    funnel = funnel with { OpportunityAt = created.AddDays(10) };
                if (funnel.OpportunityAt is not null && random.NextDouble() < 0.3)
                    funnel = funnel with { WonAt = created.AddDays(40), Amount = 1000 };
            }
            funnels[i] = funnel;
        }
        return (data, funnels);
    }

    /// <summary>The document with every engagement threshold in its MQL rule moved by <paramref name="delta"/>.</summary>
    public static PlaybookDocument ShiftEngagementThreshold(PlaybookDocument document, double delta) =>
        document with { Mql = new MqlSection { Condition = Shift(document.Mql.Condition, delta) } };

    private static Condition Shift(Condition condition, double delta) => condition switch
    {
        AllCondition all => new AllCondition(all.Conditions.Select(c => Shift(c, delta)).ToList()),
        AnyCondition any => new AnyCondition(any.Conditions.Select(c => Shift(c, delta)).ToList()),
        NotCondition not => new NotCondition(Shift(not.Condition, delta)),
        ComparisonCondition { Field: BuiltInOperands.EngagementScore } c =>
            c with { Value = JsonSerializer.SerializeToElement(c.Value!.Value.GetDouble() + delta) },
        _ => condition,
    };
}
