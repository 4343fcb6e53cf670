using SalesAlign.Domain.Playbooks;
using static SalesAlign.Domain.Playbooks.Validation.PlaybookErrorCodes;

namespace SalesAlign.Domain.Playbooks.Validation;

/// <summary>The shared vocabulary: declared fields and engagement event types.</summary>
internal static class VocabularyRules
{
    public const int MaxFields = 500;
    public const int MaxEventTypes = 500;
    public const int MaxAllowedValues = 500;

    /// <summary>The engine stores a multi-choice value as a set in a 64-bit mask.</summary>
    public const int MaxMultiChoiceValues = 64;

    private static readonly string[] ReservedNames = [BuiltInOperands.FitScore, BuiltInOperands.FitGrade, BuiltInOperands.EngagementScore];

    public static void CheckFields(ProblemSink sink, IReadOnlyList<FieldDefinition>? fields)
    {
        fields ??= [];
        DocumentChecks.CheckCount(sink, "/fields", fields.Count, 0, MaxFields, "fields");
        DocumentChecks.CheckKeys(sink, fields, "/fields", "key", "field key", f => f.Key);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var path = $"/fields/{i}";
            if (field is null)
                continue;
            // A field named like a built-in would be shadowed in the MQL rule and ambiguous to readers everywhere,
            // so near-misses in case count too.
            if (ReservedNames.FirstOrDefault(r => string.Equals(r, field.Key, StringComparison.OrdinalIgnoreCase)) is { } reserved)
            {
                sink.Add($"{path}/key", FieldReservedKey,
                    $"'{field.Key}' is reserved: '{reserved}' is computed by SalesAlign and usable in the MQL rule. Name the field differently.");
            }
            DocumentChecks.CheckLabel(sink, $"{path}/label", field.Label, "field");
            DocumentChecks.CheckDescription(sink, $"{path}/description", field.Description);
            CheckAllowedValues(sink, field, path);
        }
    }

    public static void CheckEventTypes(ProblemSink sink, IReadOnlyList<EventTypeDefinition>? eventTypes)
    {
        eventTypes ??= [];
        DocumentChecks.CheckCount(sink, "/eventTypes", eventTypes.Count, 0, MaxEventTypes, "event types");
        DocumentChecks.CheckKeys(sink, eventTypes, "/eventTypes", "key", "event type key", e => e.Key);
        for (var i = 0; i < eventTypes.Count; i++)
        {
            if (eventTypes[i] is null)
                continue;
            DocumentChecks.CheckLabel(sink, $"/eventTypes/{i}/label", eventTypes[i].Label, "event type");
            DocumentChecks.CheckDescription(sink, $"/eventTypes/{i}/description", eventTypes[i].Description);
        }
    }

    private static void CheckAllowedValues(ProblemSink sink, FieldDefinition field, string path)
    {
        var valuesPath = $"{path}/allowedValues";
        var values = field.AllowedValues;
        if (field.Type is not (FieldType.Choice or FieldType.MultiChoice))
        {
            if (values is not null)
                sink.Add(valuesPath, AllowedValuesNotAllowed, "Only choice and multi-choice fields have a list of values; remove allowedValues or change the type.");
            return;
        }
        if (values is null || values.Count == 0)
        {
            sink.Add(valuesPath, AllowedValuesMissing, "A choice field needs the list of values people can pick from.");
            return;
        }
        var max = field.Type == FieldType.MultiChoice ? MaxMultiChoiceValues : MaxAllowedValues;
        if (values.Count > max)
            sink.Add(valuesPath, AllowedValuesTooMany, field.Type == FieldType.MultiChoice
                ? $"A multi-choice field can have at most {max} values; this one has {values.Count}."
                : $"A choice field can have at most {max} values; this one has {values.Count:N0}.");

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (string.IsNullOrWhiteSpace(value))
                sink.Add($"{valuesPath}/{i}", AllowedValueEmpty, "A value cannot be empty.");
            else if (value.Length > DocumentChecks.MaxLabelLength)
                sink.Add($"{valuesPath}/{i}", LabelTooLong, $"This value is {value.Length} characters long; keep it to {DocumentChecks.MaxLabelLength}.");
            else if (!seen.TryAdd(value, i))
                sink.Add($"{valuesPath}/{i}", AllowedValueDuplicate, $"'{value}' is listed twice; the first is at {valuesPath}/{seen[value]}.");
        }
    }
}
