using System.Text.Json;

namespace SalesAlign.Web.Insights;

/// <summary>A declared lead field as the sandbox form needs it: key, label, type and the allowed values of a choice.</summary>
public sealed record SandboxField(string Key, string Label, string Type, IReadOnlyList<string> AllowedValues, string? Description);

/// <summary>A declared engagement event type.</summary>
public sealed record SandboxEventType(string Key, string Label);

/// <summary>
/// The words of a playbook document the dashboard and the sandbox show: fields, event types, rejection reasons and
/// conversion targets. Read straight from the document's JSON (the Contracts shape, camelCase) so the UI needs no
/// Domain types; a missing section is an empty list, never an error.
/// </summary>
public sealed class PlaybookVocabulary
{
    public static readonly PlaybookVocabulary Empty = new([], [], new Dictionary<string, string>());

    public PlaybookVocabulary(IReadOnlyList<SandboxField> fields, IReadOnlyList<SandboxEventType> eventTypes, IReadOnlyDictionary<string, string> rejectionReasons)
    {
        Fields = fields;
        EventTypes = eventTypes;
        RejectionReasons = rejectionReasons;
    }

    public IReadOnlyList<SandboxField> Fields { get; }

    public IReadOnlyList<SandboxEventType> EventTypes { get; }

    /// <summary>Rejection reason labels by key.</summary>
    public IReadOnlyDictionary<string, string> RejectionReasons { get; }

    public bool DeclaresField(string key) => Fields.Any(f => f.Key == key);

    public bool DeclaresEventType(string key) => EventTypes.Any(e => e.Key == key);

    public string ReasonLabel(string key) => RejectionReasons.TryGetValue(key, out var label) ? label : key == "unspecified" ? "No reason given" : key;

    public static PlaybookVocabulary From(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object)
            return Empty;
        var fields = Items(document, "fields")
            .Select(f => new SandboxField(
                Text(f, "key") ?? "",
                Text(f, "label") ?? Text(f, "key") ?? "",
                Text(f, "type") ?? "text",
                f.TryGetProperty("allowedValues", out var values) && values.ValueKind == JsonValueKind.Array
                    ? [.. values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
                    : [],
                Text(f, "description")))
            .Where(f => f.Key.Length > 0)
            .ToList();
        var eventTypes = Items(document, "eventTypes")
            .Select(e => new SandboxEventType(Text(e, "key") ?? "", Text(e, "label") ?? Text(e, "key") ?? ""))
            .Where(e => e.Key.Length > 0)
            .ToList();
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document.TryGetProperty("handoff", out var handoff) && handoff.ValueKind == JsonValueKind.Object)
        {
            foreach (var reason in Items(handoff, "rejectionReasons"))
            {
                if (Text(reason, "key") is { } key)
                    reasons[key] = Text(reason, "label") ?? key;
            }
        }
        return new PlaybookVocabulary(fields, eventTypes, reasons);
    }

    /// <summary>Both vocabularies together, the first one's spelling winning: the sandbox form when a draft adds fields.</summary>
    public PlaybookVocabulary Union(PlaybookVocabulary other) =>
        new([.. Fields, .. other.Fields.Where(f => !DeclaresField(f.Key))],
            [.. EventTypes, .. other.EventTypes.Where(e => !DeclaresEventType(e.Key))],
            RejectionReasons.Concat(other.RejectionReasons.Where(r => !RejectionReasons.ContainsKey(r.Key))).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal));

    private static IEnumerable<JsonElement> Items(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : [];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
