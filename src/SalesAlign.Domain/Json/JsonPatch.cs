using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesAlign.Domain.Json;

/// <summary>One operation of a JSON Patch (RFC 6902).</summary>
public sealed record JsonPatchOperation(string Op, string Path, string? From, JsonNode? Value);

/// <summary>A patch that could not be read or applied, naming the operation (<c>/2</c>) and why.</summary>
public sealed class JsonPatchException(string path, string message) : Exception(message)
{
    public string Path { get; } = path;
}

/// <summary>
/// RFC 6902 JSON Patch over <see cref="JsonNode"/>: add, remove, replace, move, copy, test. Applied to a deep
/// copy, all or nothing: a failing operation leaves the original untouched.
/// </summary>
public static class JsonPatch
{
    public const int MaxOperations = 1000;

    public static IReadOnlyList<JsonPatchOperation> Parse(JsonNode? patch)
    {
        if (patch is not JsonArray array)
            throw new JsonPatchException("", "A JSON Patch is an array of operations.");
        if (array.Count > MaxOperations)
            throw new JsonPatchException("", $"At most {MaxOperations} operations per patch.");
        var operations = new List<JsonPatchOperation>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject op || op["op"]?.GetValueKind() != JsonValueKind.String || op["path"]?.GetValueKind() != JsonValueKind.String)
                throw new JsonPatchException($"/{i}", "Each operation needs 'op' and 'path' strings.");
            var name = op["op"]!.GetValue<string>();
            if (name is not ("add" or "remove" or "replace" or "move" or "copy" or "test"))
                throw new JsonPatchException($"/{i}/op", $"Unknown operation '{name}'; use add, remove, replace, move, copy or test.");
            if (name is "add" or "replace" or "test" && !op.ContainsKey("value"))
                throw new JsonPatchException($"/{i}/value", $"'{name}' needs a value.");
            if (name is "move" or "copy" && op["from"]?.GetValueKind() != JsonValueKind.String)
                throw new JsonPatchException($"/{i}/from", $"'{name}' needs a 'from' path.");
            operations.Add(new JsonPatchOperation(name, op["path"]!.GetValue<string>(), op["from"]?.GetValue<string>(), op["value"]?.DeepClone()));
        }
        return operations;
    }

    public static JsonNode Apply(JsonNode document, IReadOnlyList<JsonPatchOperation> operations)
    {
        var root = new JsonObject { ["$"] = document.DeepClone() };
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            try
            {
                ApplyOne(root, op);
            }
            catch (JsonPatchException ex)
            {
                throw new JsonPatchException($"/{i}", $"Operation {i} ({op.Op} {op.Path}): {ex.Message}");
            }
        }
        return root["$"]!;
    }

    private static void ApplyOne(JsonObject root, JsonPatchOperation op)
    {
        switch (op.Op)
        {
            case "add":
                Add(root, op.Path, op.Value?.DeepClone());
                break;
            case "remove":
                Remove(root, op.Path);
                break;
            case "replace":
                Replace(root, op.Path, op.Value?.DeepClone());
                break;
            case "move":
                if (op.Path.StartsWith(op.From! + "/", StringComparison.Ordinal))
                    throw new JsonPatchException(op.Path, "cannot move a value into itself.");
                var moved = Get(root, op.From!);
                Remove(root, op.From!);
                Add(root, op.Path, moved);
                break;
            case "copy":
                Add(root, op.Path, Get(root, op.From!)?.DeepClone());
                break;
            default:
                if (!JsonNode.DeepEquals(Get(root, op.Path), op.Value))
                    throw new JsonPatchException(op.Path, "the test failed: the value differs.");
                break;
        }
    }

    private static (JsonNode Parent, string Key) Locate(JsonObject root, string path)
    {
        if (path.Length > 0 && path[0] != '/')
            throw new JsonPatchException(path, "a path is a JSON Pointer starting with '/'.");
        var segments = ("$" + path).Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode current = root;
        foreach (var segment in segments[..^1])
            current = Child(current, segment) ?? throw new JsonPatchException(path, $"'{segment}' does not exist.");
        return (current, segments[^1]);
    }

    private static JsonNode? Child(JsonNode node, string key) => node switch
    {
        JsonObject obj => obj.TryGetPropertyValue(key, out var value) ? value : null,
        JsonArray array when int.TryParse(key, out var index) && index >= 0 && index < array.Count => array[index],
        _ => null,
    };

    private static JsonNode? Get(JsonObject root, string path)
    {
        var (parent, key) = Locate(root, path);
        return parent switch
        {
            JsonObject obj when obj.ContainsKey(key) => obj[key],
            JsonArray array when int.TryParse(key, out var i) && i >= 0 && i < array.Count => array[i],
            _ => throw new JsonPatchException(path, "no value there."),
        };
    }

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, key) = Locate(root, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[key] = value;
                break;
            case JsonArray array when key == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(key, out var index) && index >= 0 && index <= array.Count:
                array.Insert(index, value);
                break;
            default:
                throw new JsonPatchException(path, "the parent is not an object or the array index is out of range.");
        }
    }

    /// <summary>In place, so a replaced property keeps its position.</summary>
    private static void Replace(JsonObject root, string path, JsonNode? value)
    {
        var (parent, key) = Locate(root, path);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(key) && path.Length > 0:
                obj[key] = value;
                break;
            case JsonArray array when int.TryParse(key, out var index) && index >= 0 && index < array.Count:
                array[index] = value;
                break;
            default:
                throw new JsonPatchException(path, "no value there to replace.");
        }
    }

    private static void Remove(JsonObject root, string path)
    {
        var (parent, key) = Locate(root, path);
        var removed = parent switch
        {
            JsonObject obj => obj.Remove(key),
            JsonArray array when int.TryParse(key, out var index) && index >= 0 && index < array.Count => RemoveAt(array, index),
            _ => false,
        };
        if (!removed || path.Length == 0)
            throw new JsonPatchException(path, "no value there to remove.");
    }

    private static bool RemoveAt(JsonArray array, int index)
    {
        array.RemoveAt(index);
        return true;
    }
}
