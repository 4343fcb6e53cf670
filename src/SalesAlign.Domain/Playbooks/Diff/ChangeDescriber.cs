using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesAlign.Domain.Playbooks.Diff;

/// <summary>
/// Sentences for people who never read JSON: section title first, items by their label, properties by
/// the words the teams use, numbers in invariant shortest form with their unit.
/// </summary>
internal static class ChangeDescriber
{
    private static readonly Dictionary<string, (string Words, string? Unit)> PropertyWords = new(StringComparer.Ordinal)
    {
        ["schemaVersion"] = ("schema version", null),
        ["allowedValues"] = ("allowed values", null),
        ["eventType"] = ("event type", null),
        ["halfLifeDays"] = ("half-life", "days"),
        ["expiresAfterDays"] = ("expiry", "days"),
        ["serviceLevelHours"] = ("service level", "hours"),
        ["rejectedStage"] = ("stage for rejected leads", null),
        ["salesCycleDays"] = ("sales cycle", "days"),
        ["handoff"] = ("hand-off point", null),
        ["to"] = ("to stage", null),
        ["from"] = ("from stage", null),
        ["min"] = ("minimum score", null),
        ["max"] = ("maximum score", null),
    };

    public static string Describe(ChangeKind kind, NodeLocation at, JsonNode? before, JsonNode? after) =>
        Prefix(at) + kind switch
        {
            ChangeKind.Moved => "reordered (" + string.Join(" → ", Labels(at, after)) + ")",
            _ when at.IsItem => kind switch
            {
                ChangeKind.Added => $"added {at.List!.Noun} \"{at.ItemLabel}\"{PointsNote(after)}",
                ChangeKind.Removed => $"removed {at.List!.Noun} \"{at.ItemLabel}\"",
                _ => $"changed {at.List!.Noun} \"{at.ItemLabel}\"",
            },
            ChangeKind.Modified when IsLabel(at) && JsonTree.IsScalar(before) && JsonTree.IsScalar(after) =>
                $"renamed {at.List!.Noun} {Format(before)} → {Format(after)}",
            ChangeKind.Added => $"{Subject(at)} set to {Value(at, after)}",
            ChangeKind.Removed => $"{Subject(at)} removed (was {Value(at, before)})",
            _ when before is JsonArray b && after is JsonArray a && b.All(JsonTree.IsScalar) && a.All(JsonTree.IsScalar) =>
                $"{Subject(at)} changed ({ListDelta(b, a)})",
            _ when JsonTree.IsScalar(before) && JsonTree.IsScalar(after) =>
                $"{Subject(at)} {Format(before)} → {Value(at, after)}",
            _ => $"{Subject(at)} changed",
        };

    public static string DescribeConflict(NodeLocation at, JsonNode? @base, JsonNode? theirs, JsonNode? ours)
    {
        var subject = Subject(at);
        return Prefix(at) + (at.IsItem, @base, theirs, ours) switch
        {
            (true, null, _, _) => $"{subject} was added in both the published version and this proposal, with different content",
            (true, _, null, _) => $"{subject} was removed in the published version but changed in this proposal",
            (true, _, _, null) => $"{subject} was changed in the published version but removed in this proposal",
            (_, JsonValue or null, JsonValue or null, JsonValue or null) =>
                $"{subject} changed on both sides: {Format(@base)} → {Value(at, theirs)} in the published version, {Format(@base)} → {Value(at, ours)} in this proposal",
            _ => $"{subject} was changed differently in the published version and in this proposal",
        };
    }

    public static string DescribeOrderConflict(NodeLocation at) =>
        Prefix(at) + $"the {Plural(DocumentSchema.FindKeyedList(at.Pointer)?.Noun ?? "item")} were reordered differently in the published version and in this proposal";

    private static string Prefix(NodeLocation at) => (at.Section ?? "Playbook") + ": ";

    private static string Subject(NodeLocation at)
    {
        if (at.IsItem)
            return $"{at.List!.Noun} \"{at.ItemLabel}\"";
        var words = at.Properties.Count == 0
            ? DocumentSchema.FindKeyedList(at.Pointer) is { } list ? $"the {Plural(list.Noun)}" : "the section"
            : string.Join(' ', at.Properties.Select(Words));
        return at.ItemLabel is null ? words : $"{words} for \"{at.ItemLabel}\"";
    }

    private static string Plural(string noun) =>
        noun == "criterion" ? "criteria" : noun + "s";

    private static string Words(string property) =>
        PropertyWords.TryGetValue(property, out var w) ? w.Words : SplitCamelCase(property);

    private static string SplitCamelCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : c.ToString()));

    private static bool IsLabel(NodeLocation at) =>
        at.List is { } list && at.Properties.Count == 1 && at.Properties[0] == list.LabelProperty && list.LabelProperty != list.KeyProperty;

    private static string Value(NodeLocation at, JsonNode? value) =>
        Value(at.Properties.Count > 0 ? at.Properties[^1] : null, value);

    // A small object such as a decay reads as "half-life 30 days, expiry 180 days", never as JSON.
    private static string Value(string? property, JsonNode? value) => value switch
    {
        JsonObject obj when obj.All(p => JsonTree.IsScalar(p.Value)) =>
            string.Join(", ", obj.Select(p => $"{Words(p.Key)} {Value(p.Key, p.Value)}")),
        not null when property is not null && PropertyWords.TryGetValue(property, out var w) && w.Unit is { } unit =>
            $"{Format(value)} {unit}",
        _ => Format(value),
    };

    public static string Format(JsonNode? value) => value switch
    {
        null => "nothing",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => PlaybookJson.FormatNumber(v.GetValue<double>()),
            JsonValueKind.String => $"\"{v.GetValue<string>()}\"",
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            _ => JsonTree.Canonical(v),
        },
        JsonArray a when a.All(JsonTree.IsScalar) => "[" + string.Join(", ", a.Select(Format)) + "]",
        _ => JsonTree.Canonical(value),
    };

    private static string ListDelta(JsonArray before, JsonArray after)
    {
        var was = before.Select(n => JsonTree.Canonical(n)).ToHashSet(StringComparer.Ordinal);
        var now = after.Select(n => JsonTree.Canonical(n)).ToHashSet(StringComparer.Ordinal);
        var parts = after.Where(n => !was.Contains(JsonTree.Canonical(n))).Select(n => "added " + Format(n))
            .Concat(before.Where(n => !now.Contains(JsonTree.Canonical(n))).Select(n => "removed " + Format(n)))
            .ToList();
        return parts.Count > 0 ? string.Join(", ", parts) : "reordered";
    }

    private static string PointsNote(JsonNode? item) =>
        item is JsonObject obj && obj["points"] is JsonValue p && p.GetValueKind() == JsonValueKind.Number
            ? $" ({(p.GetValue<double>() > 0 ? "+" : "")}{PlaybookJson.FormatNumber(p.GetValue<double>())})"
            : "";

    private static IEnumerable<string> Labels(NodeLocation at, JsonNode? list) =>
        list is JsonArray array && DocumentSchema.FindKeyedList(at.Pointer) is { } keyed
            ? array.Select(item => JsonTree.LabelOf(keyed, JsonTree.KeyOf(item, keyed.KeyProperty) ?? "", item))
            : [];
}
