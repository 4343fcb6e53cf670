using System.Text.Json.Nodes;

namespace SalesAlign.Domain.Playbooks.Diff;

/// <summary>
/// Semantic diff of two playbook documents, for proposal reviews and version history. Keyed list items
/// are matched by key, so moving them is not a change, except where order carries meaning (stages).
/// Conditions and plain arrays are compared as whole values: a reviewer judges a rule, not its JSON.
/// </summary>
public static class DocumentDiff
{
    /// <returns>Changes in the after document's order, removals where they were; empty when equal in meaning.</returns>
    public static IReadOnlyList<DocumentChange> Compare(PlaybookDocument before, PlaybookDocument after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return Compare(PlaybookJson.ToNode(before), PlaybookJson.ToNode(after));
    }

    /// <summary>The same comparison over raw document trees (e.g. a draft that does not parse yet).</summary>
    public static IReadOnlyList<DocumentChange> Compare(JsonNode? before, JsonNode? after)
    {
        DocumentWork.Diffs.Add(1);
        var changes = new List<DocumentChange>();
        Walk(before, after, NodeLocation.Root, changes);
        return changes;
    }

    private static void Walk(JsonNode? before, JsonNode? after, NodeLocation at, List<DocumentChange> changes)
    {
        if (JsonTree.Same(before, after))
            return;
        if (before is null || after is null)
        {
            Add(before is null ? ChangeKind.Added : ChangeKind.Removed, at, before, after, changes);
            return;
        }
        if (before is JsonArray beforeList && after is JsonArray afterList
            && DocumentSchema.FindKeyedList(at.Pointer) is { } keyed
            && WalkKeyedList(keyed, beforeList, afterList, at, changes))
            return;
        if (before is JsonObject beforeObject && after is JsonObject afterObject && !IsCondition(at))
        {
            WalkObject(beforeObject, afterObject, at, changes);
            return;
        }
        Add(ChangeKind.Modified, at, before, after, changes);
    }

    private static void WalkObject(JsonObject before, JsonObject after, NodeLocation at, List<DocumentChange> changes)
    {
        var names = JsonTree.OrderedUnion([.. before.Select(p => p.Key)], [.. after.Select(p => p.Key)]);
        foreach (var name in names)
            Walk(before[name], after[name], at.Child(name), changes);
    }

    private static bool WalkKeyedList(
        DocumentSchema.KeyedList list, JsonArray before, JsonArray after, NodeLocation at, List<DocumentChange> changes)
    {
        if (JsonTree.Keys(before, list) is not { } beforeKeys || JsonTree.Keys(after, list) is not { } afterKeys)
            return false;

        if (list.OrderMatters && JsonTree.RelativeOrderDiffers(beforeKeys, afterKeys))
            Add(ChangeKind.Moved, at, before, after, changes);

        foreach (var key in JsonTree.OrderedUnion(beforeKeys, afterKeys))
        {
            var beforeIndex = beforeKeys.IndexOf(key);
            var afterIndex = afterKeys.IndexOf(key);
            var beforeItem = beforeIndex < 0 ? null : before[beforeIndex];
            var afterItem = afterIndex < 0 ? null : after[afterIndex];
            var label = JsonTree.LabelOf(list, key, afterItem, beforeItem);
            var itemAt = at.Item(list, afterIndex < 0 ? null : afterIndex, beforeIndex < 0 ? null : beforeIndex, key, label);
            Walk(beforeItem, afterItem, itemAt, changes);
        }
        return true;
    }

    internal static bool IsCondition(NodeLocation at) => string.Equals(at.Name, "condition", StringComparison.Ordinal);

    private static void Add(ChangeKind kind, NodeLocation at, JsonNode? before, JsonNode? after, List<DocumentChange> changes) =>
        changes.Add(new DocumentChange(
            kind,
            kind == ChangeKind.Removed ? at.BeforePointer : at.Pointer,
            at.KeyPath,
            JsonTree.Clone(before),
            JsonTree.Clone(after),
            ChangeDescriber.Describe(kind, at, before, after)));
}
