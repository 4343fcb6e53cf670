using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesAlign.Web.Editing;

/// <summary>A value of the document in words, for diffs and conflicts: conditions as sentences, items by their label.</summary>
public static class DiffText
{
    public static string Describe(JsonElement? value, IReadOnlyDictionary<string, string>? labels = null) =>
        value is { } v ? Describe(JsonNode.Parse(v.GetRawText()), labels) : "(none)";

    public static string Describe(JsonNode? value, IReadOnlyDictionary<string, string>? labels = null)
    {
        labels ??= new Dictionary<string, string>();
        return value switch
        {
            null => "(none)",
            JsonObject o when o.ContainsKey("field") || o.ContainsKey("all") || o.ContainsKey("any") || o.ContainsKey("not") => ConditionText.Describe(o, labels),
            JsonObject o => string.Join(", ", o.Select(p => $"{p.Key}: {Describe(p.Value, labels)}")),
            JsonArray a when a.All(x => x is JsonValue) => ConditionText.Value(a),
            JsonArray a => $"{a.Count} item(s)",
            _ => ConditionText.Value(value),
        };
    }
}
