using System.Text.Json.Nodes;

namespace SalesAlign.Domain.Playbooks.Diff;

/// <summary>
/// One merge pass. Resolutions (by key path) answer conflicts that people already settled, so resolving is
/// merging again rather than patching a half-merged tree.
/// </summary>
internal sealed class ThreeWayMerger(IReadOnlyDictionary<string, ConflictChoice> resolutions)
{
    private readonly List<MergeConflict> _conflicts = [];

    public IReadOnlyList<MergeConflict> Conflicts => _conflicts;

    public JsonNode? Merge(JsonNode? @base, JsonNode? theirs, JsonNode? ours, NodeLocation at)
    {
        if (JsonTree.Same(theirs, @base))
            return JsonTree.Clone(ours);
        if (JsonTree.Same(ours, @base))
            return JsonTree.Clone(theirs);
        if (JsonTree.Same(ours, theirs))
            return JsonTree.Clone(ours);

        if (@base is JsonArray b && theirs is JsonArray t && ours is JsonArray o
            && DocumentSchema.FindKeyedList(at.Pointer) is { } keyed
            && MergeKeyedList(keyed, b, t, o, at) is { } mergedList)
            return mergedList;
        if (@base is JsonObject bo && theirs is JsonObject to && ours is JsonObject oo && !DocumentDiff.IsCondition(at))
            return MergeObject(bo, to, oo, at);
        return Conflict(at, @base, theirs, ours);
    }

    private JsonObject MergeObject(JsonObject @base, JsonObject theirs, JsonObject ours, NodeLocation at)
    {
        var names = ours.Select(p => p.Key)
            .Concat(theirs.Select(p => p.Key))
            .Concat(@base.Select(p => p.Key))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var merged = new JsonObject();
        foreach (var name in names)
        {
            if (Merge(@base[name], theirs[name], ours[name], at.Child(name)) is { } value)
                merged[name] = value;
        }
        return merged;
    }

    private JsonArray? MergeKeyedList(DocumentSchema.KeyedList list, JsonArray @base, JsonArray theirs, JsonArray ours, NodeLocation at)
    {
        if (JsonTree.Keys(@base, list) is not { } baseKeys
            || JsonTree.Keys(theirs, list) is not { } theirKeys
            || JsonTree.Keys(ours, list) is not { } ourKeys)
            return null;

        var merged = new JsonArray();
        // An item we removed but they changed is absent from the merged list, yet its conflict needs a path
        // of its own: it reserves the slot it would take if kept, so two such conflicts never share a path.
        var reserved = 0;
        foreach (var key in MergedOrder(list, baseKeys, theirKeys, ourKeys, at))
        {
            var b = JsonTree.ItemByKey(@base, baseKeys, key);
            var t = JsonTree.ItemByKey(theirs, theirKeys, key);
            var o = JsonTree.ItemByKey(ours, ourKeys, key);
            var index = merged.Count + (o is null ? reserved : 0);
            var conflictsBefore = _conflicts.Count;
            if (MergeItem(b, t, o, at.Item(list, index, null, key, JsonTree.LabelOf(list, key, o, t, b))) is { } item)
                merged.Add(item);
            else if (_conflicts.Count > conflictsBefore)
                reserved++;
        }
        return merged;
    }

    private JsonNode? MergeItem(JsonNode? @base, JsonNode? theirs, JsonNode? ours, NodeLocation at)
    {
        // Recursing into an item added on both sides would blend two different ideas into one rule.
        if (@base is null && theirs is not null && ours is not null && !JsonTree.Same(theirs, ours))
            return Conflict(at, @base, theirs, ours);
        return Merge(@base, theirs, ours, at);
    }

    /// <summary>
    /// Ours' order with theirs' additions appended; for lists whose order is meaning, a side's reordering
    /// wins when the other kept the base order, and the other side's additions go after their predecessor.
    /// </summary>
    private List<string> MergedOrder(
        DocumentSchema.KeyedList list, List<string> baseKeys, List<string> theirKeys, List<string> ourKeys, NodeLocation at)
    {
        var spine = ourKeys;
        if (list.OrderMatters)
        {
            var theyMoved = JsonTree.RelativeOrderDiffers(baseKeys, theirKeys);
            var weMoved = JsonTree.RelativeOrderDiffers(baseKeys, ourKeys);
            if (theyMoved && !weMoved)
                spine = theirKeys;
            else if (theyMoved && weMoved && JsonTree.RelativeOrderDiffers(theirKeys, ourKeys))
                spine = OrderConflict(at, baseKeys, theirKeys, ourKeys);
        }

        var order = new List<string>(spine);
        foreach (var side in new[] { ourKeys, theirKeys, baseKeys })
        {
            for (var i = 0; i < side.Count; i++)
            {
                if (order.Contains(side[i], StringComparer.Ordinal))
                    continue;
                var predecessor = !list.OrderMatters ? order.Count - 1 : i > 0 ? order.IndexOf(side[i - 1]) : -1;
                order.Insert(predecessor + 1, side[i]);
            }
        }
        return order;
    }

    private List<string> OrderConflict(NodeLocation at, List<string> baseKeys, List<string> theirKeys, List<string> ourKeys)
    {
        if (resolutions.TryGetValue(at.KeyPath, out var choice))
            return Pick(choice, baseKeys, theirKeys, ourKeys)!;
        _conflicts.Add(new MergeConflict(
            at.Pointer, at.KeyPath,
            JsonTree.KeyArray(baseKeys), JsonTree.KeyArray(theirKeys), JsonTree.KeyArray(ourKeys),
            ChangeDescriber.DescribeOrderConflict(at)));
        return ourKeys;
    }

    private JsonNode? Conflict(NodeLocation at, JsonNode? @base, JsonNode? theirs, JsonNode? ours)
    {
        if (resolutions.TryGetValue(at.KeyPath, out var choice))
            return JsonTree.Clone(Pick(choice, @base, theirs, ours));
        _conflicts.Add(new MergeConflict(
            at.Pointer, at.KeyPath,
            JsonTree.Clone(@base), JsonTree.Clone(theirs), JsonTree.Clone(ours),
            ChangeDescriber.DescribeConflict(at, @base, theirs, ours)));
        return JsonTree.Clone(ours);
    }

    private static T? Pick<T>(ConflictChoice choice, T? @base, T? theirs, T? ours) where T : class => choice switch
    {
        ConflictChoice.Base => @base,
        ConflictChoice.Theirs => theirs,
        _ => ours,
    };
}
