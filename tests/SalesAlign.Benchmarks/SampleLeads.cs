using System.Text.Json;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Benchmarks;

/// <summary>Deterministic, realistic leads for the sample playbook: most fields filled, a handful of recent events.</summary>
internal static class SampleLeads
{
    public static LeadData[] Generate(PlaybookDocument document, int count, DateTimeOffset now, int seed = 42)
    {
        var random = new Random(seed);
        var leads = new LeadData[count];
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
                    FieldType.Date => JsonSerializer.SerializeToElement(DateOnly.FromDateTime(now.UtcDateTime).AddDays(random.Next(-100, 600)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                    FieldType.Choice => JsonSerializer.SerializeToElement(field.AllowedValues![random.Next(field.AllowedValues.Count)]),
                    FieldType.MultiChoice => JsonSerializer.SerializeToElement(field.AllowedValues!.Where(_ => random.NextDouble() < 0.3).ToArray()),
                    _ => JsonSerializer.SerializeToElement(random.NextDouble() < 0.3 ? "Head of Marketing" : "Operations Analyst"),
                };
            }
            var events = Enumerable.Range(0, random.Next(0, 16))
                .Select(_ => new EngagementEvent(document.EventTypes[random.Next(document.EventTypes.Count)].Key, now.AddHours(-random.Next(0, 24 * 120))))
                .ToArray();
            leads[i] = new LeadData(fields, events);
        }
        return leads;
    }
}
