using System.Globalization;
using System.Text.Json.Nodes;

namespace SalesAlign.Web.Editing;

/// <summary>A field a condition can compare (declared, or a built-in the MQL rule may use).</summary>
public sealed record FieldInfo(string Key, string Label, string Type, IReadOnlyList<string> AllowedValues);

/// <summary>What a condition builder offers: the draft's vocabulary, operators per type (decision 0002) and default values.</summary>
public static class FieldCatalog
{
    private static readonly Dictionary<string, string[]> OperatorsByType = new(StringComparer.Ordinal)
    {
        ["text"] = ["eq", "neq", "in", "notIn", "contains", "exists"],
        ["number"] = ["eq", "neq", "gt", "gte", "lt", "lte", "between", "in", "notIn", "exists"],
        ["boolean"] = ["eq", "neq", "exists"],
        ["date"] = ["eq", "neq", "gt", "gte", "lt", "lte", "between", "exists"],
        ["choice"] = ["eq", "neq", "in", "notIn", "exists"],
        ["multiChoice"] = ["contains", "in", "notIn", "exists"],
    };

    public static IReadOnlyList<FieldInfo> Of(JsonNode? document, bool withBuiltIns)
    {
        var fields = new List<FieldInfo>();
        if (document?["fields"] is JsonArray declared)
        {
            foreach (var f in declared.OfType<JsonObject>())
            {
                var key = f["key"]?.GetValue<string>();
                if (string.IsNullOrEmpty(key))
                    continue;
                var values = f["allowedValues"] is JsonArray a ? a.Select(v => v?.GetValue<string>() ?? "").ToList() : [];
                fields.Add(new FieldInfo(key, f["label"]?.GetValue<string>() ?? key, f["type"]?.GetValue<string>() ?? "text", values));
            }
        }
        if (withBuiltIns)
        {
            var grades = document?["icp"]?["gradeBands"] is JsonArray bands
                ? bands.OfType<JsonObject>().Select(b => b["grade"]?.GetValue<string>() ?? "").Where(g => g.Length > 0).ToList()
                : ["A", "B", "C", "D"];
            fields.Add(new FieldInfo("fitGrade", "Fit grade", "choice", grades));
            fields.Add(new FieldInfo("fitScore", "Fit score", "number", []));
            fields.Add(new FieldInfo("engagementScore", "Engagement score", "number", []));
        }
        return fields;
    }

    public static IReadOnlyList<string> OperatorsFor(string type) =>
        OperatorsByType.TryGetValue(type, out var ops) ? ops : OperatorsByType["text"];

    /// <summary>Whether the operator compares with a list of values.</summary>
    public static bool IsList(string type, string op) => op is "in" or "notIn" || (op == "between");

    /// <summary>A value that fits the field's type and the operator, keeping what it can of the current one.</summary>
    public static JsonNode? DefaultValue(FieldInfo field, string op, JsonNode? current)
    {
        if (op == "exists")
            return null;
        var first = field.AllowedValues.Count > 0 ? field.AllowedValues[0] : "";
        switch (field.Type)
        {
            case "number":
            {
                var n = ConditionText.Number(current) ?? (current is JsonArray { Count: > 0 } arr ? ConditionText.Number(arr[0]) : null) ?? 0;
                return op switch
                {
                    "between" => new JsonArray(n, n + 100),
                    "in" or "notIn" => new JsonArray(n),
                    _ => JsonValue.Create(n),
                };
            }
            case "date":
            {
                var s = current is JsonValue dv && dv.TryGetValue(out string? ds) ? ds : DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return op == "between" ? new JsonArray(s, s) : JsonValue.Create(s);
            }
            case "boolean":
                return JsonValue.Create(current is JsonValue bv && bv.TryGetValue(out bool b) ? b : true);
            case "choice" or "multiChoice":
            {
                var values = current switch
                {
                    JsonArray a => a.Select(x => x?.GetValue<string>() ?? "").Where(x => field.AllowedValues.Contains(x)).ToList(),
                    JsonValue cv when cv.TryGetValue(out string? cs) && field.AllowedValues.Contains(cs) => [cs],
                    _ => [],
                };
                if (values.Count == 0)
                    values.Add(first);
                return op is "in" or "notIn" ? new JsonArray([.. values.Select(x => (JsonNode?)JsonValue.Create(x))]) : JsonValue.Create(values[0]);
            }
            default:
            {
                var s = current is JsonValue tv && tv.TryGetValue(out string? ts) ? ts : current is JsonArray { Count: > 0 } a ? a[0]?.GetValue<string>() ?? "" : "";
                return op is "in" or "notIn" ? new JsonArray(s) : JsonValue.Create(s);
            }
        }
    }

    /// <summary>A new comparison on the first field, with a sensible operator and value.</summary>
    public static JsonObject NewComparison(IReadOnlyList<FieldInfo> fields)
    {
        var field = fields.Count > 0 ? fields[0] : new FieldInfo("field", "Field", "text", []);
        var op = OperatorsFor(field.Type)[0];
        var comparison = new JsonObject { ["field"] = field.Key, ["op"] = op };
        if (DefaultValue(field, op, null) is { } value)
            comparison["value"] = value;
        return comparison;
    }
}
