using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesAlign.Domain.Playbooks.Diff;

/// <summary>Value semantics over <see cref="JsonNode"/> trees as diff and merge need them.</summary>
internal static class JsonTree
{
    /// <summary>
    /// Equal in meaning: compared through the canonical form, so <c>1</c> and <c>1.0</c> are equal and
    /// property order is irrelevant. Null stands for "absent".
    /// </summary>
    public static bool Same(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
            return a is null && b is null;
        if (ReferenceEquals(a, b))
            return true;
        // Cheap refusals first: the canonical form costs a serialization per call, and the walkers ask often.
        if (a.GetValueKind() != b.GetValueKind() || (a is JsonArray x && b is JsonArray y && x.Count != y.Count))
            return false;
        return Canonical(a) == Canonical(b);
    }

    public static string Canonical(JsonNode? node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            PlaybookJson.WriteCanonical(writer, node);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    public static bool IsScalar(JsonNode? node) => node is JsonValue;

    /// <summary>A string value as text, other values in canonical JSON; null when absent.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => Canonical(node),
    };

    public static string? KeyOf(JsonNode? item, string keyProperty) =>
        item is JsonObject obj ? Text(obj[keyProperty]) : null;

    /// <summary>The first label any version of the item has (an optional label may have just been cleared), else its key.</summary>
    public static string LabelOf(DocumentSchema.KeyedList list, string key, params ReadOnlySpan<JsonNode?> versions)
    {
        foreach (var item in versions)
        {
            if (item is JsonObject obj && Text(obj[list.LabelProperty]) is { } label)
                return label;
        }
        return key;
    }

    /// <summary>
    /// Keys in list order, or null when an item lacks its key or a key repeats; such a list can only be
    /// compared as a whole value.
    /// </summary>
    public static List<string>? Keys(JsonArray array, DocumentSchema.KeyedList list)
    {
        var keys = new List<string>(array.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array)
        {
            if (KeyOf(item, list.KeyProperty) is not { } key || !seen.Add(key))
                return null;
            keys.Add(key);
        }
        return keys;
    }

    public static JsonNode? ItemByKey(JsonArray array, List<string> keys, string key)
    {
        var index = keys.IndexOf(key);
        return index < 0 ? null : array[index];
    }

    /// <summary>
    /// Union of two key sequences in the second one's order, each key only in the first one placed where it
    /// was: right before the next key both share (or at the end).
    /// </summary>
    public static List<string> OrderedUnion(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var inAfter = after.ToHashSet(StringComparer.Ordinal);
        var beforeIndex = before.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
        var result = new List<string>(before.Count + after.Count);
        var flushed = 0;
        foreach (var key in after)
        {
            if (beforeIndex.TryGetValue(key, out var at))
            {
                for (; flushed < at; flushed++)
                {
                    if (!inAfter.Contains(before[flushed]))
                        result.Add(before[flushed]);
                }
                flushed = Math.Max(flushed, at + 1);
            }
            result.Add(key);
        }
        for (; flushed < before.Count; flushed++)
        {
            if (!inAfter.Contains(before[flushed]))
                result.Add(before[flushed]);
        }
        return result;
    }

    /// <summary>Whether the keys both sequences share appear in a different order.</summary>
    public static bool RelativeOrderDiffers(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var inA = a.ToHashSet(StringComparer.Ordinal);
        var inB = b.ToHashSet(StringComparer.Ordinal);
        return !a.Where(inB.Contains).SequenceEqual(b.Where(inA.Contains), StringComparer.Ordinal);
    }

    public static JsonArray KeyArray(IEnumerable<string> keys) => new([.. keys.Select(k => (JsonNode?)JsonValue.Create(k))]);
}
