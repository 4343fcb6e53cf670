using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Domain.Scoring;

/// <summary>
/// Checks a lead against a playbook's vocabulary: every field declared and well-typed, every event of a
/// declared type. Problems are reported all at once, each with a JSON Pointer into the lead.
/// </summary>
public static class LeadValidation
{
    public const int MaxEventsPerLead = 10_000;

    public static IReadOnlyList<DocumentProblem> Validate(PlaybookDocument document, LeadData lead)
    {
        var fields = document.Fields.Select((f, i) => (f, i)).ToDictionary(x => x.f.Key, x => x.i, StringComparer.Ordinal);
        var eventTypes = document.EventTypes.Select((e, i) => (e, i)).ToDictionary(x => x.e.Key, x => x.i, StringComparer.Ordinal);
        var problems = new List<DocumentProblem>();
        Read(document.Fields, fields, eventTypes, lead, problems, static (_, _) => { }, static (_, _) => { });
        return problems;
    }

    /// <summary>
    /// The one pass over a lead that both validation and binding use: reports each problem and hands each
    /// well-typed value (by field index) and each event (by event type index) to the caller.
    /// </summary>
    internal static void Read(
        IReadOnlyList<FieldDefinition> fieldDefinitions,
        Dictionary<string, int> fieldIndex,
        Dictionary<string, int> eventTypeIndex,
        LeadData lead,
        List<DocumentProblem> problems,
        Action<int, object?> onValue,
        Action<int, int> onEvent)
    {
        foreach (var (key, element) in lead.Fields)
        {
            if (!fieldIndex.TryGetValue(key, out var index))
            {
                problems.Add(new($"/fields/{Escape(key)}", $"Unknown field '{key}'. The playbook declares: {string.Join(", ", fieldIndex.Keys)}."));
                continue;
            }
            var field = fieldDefinitions[index];
            if (FieldValues.TryRead(field, element, out var value, out var error))
                onValue(index, value);
            else
                problems.Add(new($"/fields/{Escape(key)}", $"'{field.Label}': {error}"));
        }

        if (lead.Events.Count > MaxEventsPerLead)
        {
            problems.Add(new("/events", $"A lead may carry at most {MaxEventsPerLead:N0} events; this one has {lead.Events.Count:N0}."));
            return;
        }

        for (var i = 0; i < lead.Events.Count; i++)
        {
            var type = lead.Events[i].Type;
            if (type is not null && eventTypeIndex.TryGetValue(type, out var typeIndex))
                onEvent(i, typeIndex);
            else
                problems.Add(new($"/events/{i}/type", $"Unknown event type '{type}'. The playbook declares: {string.Join(", ", eventTypeIndex.Keys)}."));
        }
    }

    private static string Escape(string segment) =>
        segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
