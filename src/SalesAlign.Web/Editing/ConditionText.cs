using System.Globalization;
using System.Text.Json.Nodes;

namespace SalesAlign.Web.Editing;

/// <summary>Conditions in plain words, for people who never read JSON: "Seniority is one of VP, Director and Company size is at least 200".</summary>
public static class ConditionText
{
    public static readonly IReadOnlyDictionary<string, string> BuiltInLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["fitGrade"] = "Fit grade",
        ["fitScore"] = "Fit score",
        ["engagementScore"] = "Engagement score",
    };

    public static readonly IReadOnlyList<(string Op, string Words)> Operators =
    [
        ("eq", "is"), ("neq", "is not"), ("in", "is one of"), ("notIn", "is none of"), ("gt", "is more than"),
        ("gte", "is at least"), ("lt", "is less than"), ("lte", "is at most"), ("between", "is between"),
        ("contains", "contains"), ("exists", "is known"),
    ];

    public static string OperatorWords(string? op) =>
        Operators.FirstOrDefault(o => o.Op == op).Words ?? op ?? "?";

    /// <summary>The condition in words; <paramref name="labels"/> maps field keys to their labels.</summary>
    public static string Describe(JsonNode? condition, IReadOnlyDictionary<string, string> labels, bool nested = false)
    {
        if (condition is not JsonObject o)
            return "(nothing)";
        if (o["all"] is JsonArray all)
            return Group(all, " and ", "always", labels, nested);
        if (o["any"] is JsonArray any)
            return Group(any, " or ", "never", labels, nested);
        if (o.ContainsKey("not"))
            return "not (" + Describe(o["not"], labels) + ")";
        var field = o["field"]?.GetValue<string>() ?? "?";
        var label = labels.GetValueOrDefault(field) ?? BuiltInLabels.GetValueOrDefault(field) ?? field;
        var op = o["op"]?.GetValue<string>();
        return op switch
        {
            "exists" => $"{label} is known",
            "between" when o["value"] is JsonArray { Count: 2 } range => $"{label} is between {Value(range[0])} and {Value(range[1])}",
            _ => $"{label} {OperatorWords(op)} {Value(o["value"])}",
        };
    }

    private static string Group(JsonArray items, string separator, string empty, IReadOnlyDictionary<string, string> labels, bool nested)
    {
        if (items.Count == 0)
            return empty;
        var text = string.Join(separator, items.Select(i => Describe(i, labels, nested: true)));
        return nested && items.Count > 1 ? $"({text})" : text;
    }

    public static string Value(JsonNode? value) => value switch
    {
        null => "nothing",
        JsonArray array => string.Join(", ", array.Select(Value)),
        JsonValue v when v.TryGetValue(out bool b) => b ? "yes" : "no",
        JsonValue when Number(value) is { } d => d.ToString("0.##", CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue(out string? s) => s ?? "",
        _ => value.ToJsonString(),
    };

    /// <summary>
    /// A JSON number as a double, whatever CLR type backs the node (nodes built in code hold ints; parsed ones hold
    /// elements) — <c>GetValue&lt;double&gt;</c> refuses an int-backed node. Null for anything else.
    /// </summary>
    public static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)
            : null;

    /// <summary>Field key → label, from a document's <c>fields</c> and <c>eventTypes</c>.</summary>
    public static Dictionary<string, string> LabelsOf(JsonNode? document)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var list in new[] { document?["fields"], document?["eventTypes"] })
        {
            if (list is not JsonArray items)
                continue;
            foreach (var item in items.OfType<JsonObject>())
            {
                if (item["key"]?.GetValue<string>() is { } key)
                    labels[key] = item["label"]?.GetValue<string>() ?? key;
            }
        }
        return labels;
    }
}
