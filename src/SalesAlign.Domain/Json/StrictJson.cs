using System.Text;
using System.Text.Json;

namespace SalesAlign.Domain.Json;

/// <summary>Something in a JSON text that a strict reader refuses, at a JSON Pointer, with a stable code.</summary>
public sealed record JsonTextProblem(string Path, string Code, string Message);

/// <summary>
/// The rules every JSON text we accept obeys beyond the grammar: no property twice in one object (which of two
/// values counts is otherwise the reader's whim), and no control characters in names or string values except
/// tab, line feed and carriage return (PostgreSQL cannot store NUL in text, and the rest only ever hide things).
/// One pass over the bytes, before anything is bound, so it holds for every body and every field type alike.
/// </summary>
public static class StrictJson
{
    public const string DuplicateProperty = "duplicate_property";
    public const string ControlCharacter = "control_character";

    /// <summary>
    /// The problems in a JSON text, at most <paramref name="max"/>. A text that is not well-formed yields the
    /// problems found before the syntax error: the deserialiser then reports that error itself.
    /// </summary>
    public static IReadOnlyList<JsonTextProblem> FindProblems(ReadOnlySpan<byte> utf8, int max = 20)
    {
        var problems = new List<JsonTextProblem>();
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            while (problems.Count < max && reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Advance(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames[^1];
                        var name = reader.GetString()!;
                        frame.Property = name;
                        if (!frame.Names!.Add(name))
                            problems.Add(new JsonTextProblem(Pointer(frames), DuplicateProperty, $"The property '{Printable(name)}' appears more than once in this object."));
                        if (ControlIn(ref reader) is { } inName)
                            problems.Add(new JsonTextProblem(Pointer(frames), ControlCharacter, $"The property name contains the control character U+{(int)inName:X4}."));
                        break;
                    case JsonTokenType.String:
                        Advance(frames);
                        if (ControlIn(ref reader) is { } inValue)
                            problems.Add(new JsonTextProblem(Pointer(frames), ControlCharacter,
                                $"The text contains the control character U+{(int)inValue:X4}; only tab, line feed and carriage return are allowed."));
                        break;
                    default:
                        Advance(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not well-formed: whoever deserialises the text says where and why.
        }
        return problems;
    }

    /// <summary>Whether a character may stand in accepted text.</summary>
    public static bool IsAllowed(char c) => !char.IsControl(c) || c is '\t' or '\n' or '\r';

    /// <summary>The first disallowed character of a text, if any.</summary>
    public static char? FirstDisallowed(string text)
    {
        foreach (var c in text)
            if (!IsAllowed(c))
                return c;
        return null;
    }

    private static char? ControlIn(ref Utf8JsonReader reader)
    {
        // Unescaped UTF-8 can carry only DEL (0x7F) and C1 controls (0xC2 0x80-0x9F); C0 must be escaped.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.IndexOfAny((byte)0x7F, (byte)0xC2) < 0)
            return null;
        return FirstDisallowed(reader.GetString()!);
    }

    private static void Advance(List<Frame> frames)
    {
        if (frames.Count > 0 && !frames[^1].IsObject)
            frames[^1].Index++;
    }

    private static string Pointer(List<Frame> frames)
    {
        var sb = new StringBuilder();
        foreach (var frame in frames)
        {
            sb.Append('/');
            if (frame.IsObject)
                sb.Append(frame.Property!.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
            else
                sb.Append(frame.Index);
        }
        return sb.ToString();
    }

    private static string Printable(string text) =>
        string.Concat(text.Select(c => IsAllowed(c) ? c.ToString() : $"\\u{(int)c:x4}"));

    private sealed class Frame(bool isObject)
    {
        public bool IsObject { get; } = isObject;
        public HashSet<string>? Names { get; } = isObject ? new HashSet<string>(StringComparer.Ordinal) : null;
        public string? Property { get; set; }
        public int Index { get; set; } = -1;
    }
}
