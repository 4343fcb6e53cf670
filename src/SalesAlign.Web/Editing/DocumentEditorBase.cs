using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;

namespace SalesAlign.Web.Editing;

/// <summary>
/// A form for one part of the draft at a JSON Pointer. Forms edit <see cref="DraftModel.Working"/> in place and
/// raise <see cref="Changed"/>; the model works out what changed by comparing with the server's draft.
/// </summary>
public abstract class DocumentEditorBase : ComponentBase
{
    [Parameter, EditorRequired]
    public DraftModel Model { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Path { get; set; } = "";

    [Parameter]
    public EventCallback Changed { get; set; }

    [Parameter]
    public bool ReadOnly { get; set; }

    protected JsonNode? Node => DraftModel.Get(Model.Working, Path);

    protected string? Problem(string path) => Model.ProblemAt(path);

    protected bool HasProblem(string path) => Model.ProblemAt(path) is not null;

    protected Task SetAsync(JsonObject target, string property, JsonNode? value)
    {
        if (value is null)
            target.Remove(property);
        else
            target[property] = value;
        return Changed.InvokeAsync();
    }

    protected Task SetAtAsync(string path, JsonNode? value)
    {
        DraftModel.Set(Model.Working, path, value);
        return Changed.InvokeAsync();
    }

    protected static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    protected static double? Num(JsonNode? node) => ConditionText.Number(node);

    protected static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue(out bool b) && b;

    protected static IEnumerable<(JsonObject Item, int Index)> Items(JsonNode? list) =>
        list is JsonArray a ? a.Select((n, i) => (n as JsonObject, i)).Where(x => x.Item1 is not null).Select(x => (x.Item1!, x.i)) : [];

    protected static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A key not yet used in a keyed list: <c>prefix-2</c>, <c>prefix-3</c>…</summary>
    protected static string NewKey(JsonNode? list, string keyProperty, string prefix)
    {
        var used = Items(list).Select(x => Str(x.Item[keyProperty])).ToHashSet(StringComparer.Ordinal);
        for (var i = 1; ; i++)
        {
            var candidate = i == 1 ? prefix : $"{prefix}-{i}";
            if (!used.Contains(candidate))
                return candidate;
        }
    }
}
