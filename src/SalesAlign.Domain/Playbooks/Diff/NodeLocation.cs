using System.Globalization;

namespace SalesAlign.Domain.Playbooks.Diff;

/// <summary>
/// Where a node sits while walking documents: its pointer on each side, its position-free key path, and
/// what people call it (section, list item, the properties below that item), so descriptions can be built
/// without walking back up the tree.
/// </summary>
internal sealed record NodeLocation(
    string Pointer,
    string BeforePointer,
    string KeyPath,
    string? Name,
    string? Section,
    DocumentSchema.KeyedList? List,
    string? ItemLabel,
    IReadOnlyList<string> Properties)
{
    public static NodeLocation Root { get; } = new("", "", "", null, null, null, null, []);

    public bool IsItem => ItemLabel is not null && Properties.Count == 0;

    public NodeLocation Child(string name)
    {
        var segment = "/" + EscapeSegment(name);
        var atRoot = Pointer.Length == 0 && KeyPath.Length == 0;
        return this with
        {
            Pointer = Pointer + segment,
            BeforePointer = BeforePointer + segment,
            KeyPath = KeyPath + segment,
            Name = name,
            Section = atRoot ? DocumentSchema.SectionTitles.GetValueOrDefault(name, name) : Section,
            Properties = atRoot ? [] : [.. Properties, name],
        };
    }

    /// <param name="index">Position on the after (or merged) side; null when the item is absent there.</param>
    /// <param name="beforeIndex">Position on the before side; null when the item is absent there.</param>
    public NodeLocation Item(DocumentSchema.KeyedList list, int? index, int? beforeIndex, string key, string label) =>
        this with
        {
            Pointer = Pointer + "/" + IndexSegment(index),
            BeforePointer = BeforePointer + "/" + IndexSegment(beforeIndex),
            KeyPath = KeyPath + "[" + list.KeyProperty + "=" + EscapeKey(key) + "]",
            Name = null,
            List = list,
            ItemLabel = label,
            Properties = [],
        };

    // "-" is RFC 6901's "past the end" and keeps a pointer well-formed for the side where the item is absent.
    private static string IndexSegment(int? index) =>
        index is { } i ? i.ToString(CultureInfo.InvariantCulture) : "-";

    private static string EscapeSegment(string segment) =>
        segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string EscapeKey(string key) =>
        EscapeSegment(key).Replace("]", "~2", StringComparison.Ordinal);
}
