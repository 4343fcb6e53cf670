using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SalesAlign.Domain.Playbooks;

/// <summary>A problem found in a document or a lead, located by a JSON Pointer (RFC 6901) such as <c>/icp/criteria/2/points</c>.</summary>
public sealed record DocumentProblem(string Path, string Message);

/// <summary>Either a document or the reason it could not be read.</summary>
public sealed record DocumentParseResult(PlaybookDocument? Document, DocumentProblem? Problem)
{
    public bool IsSuccess => Document is not null;
}

/// <summary>Reading, writing, canonical form and content hash of playbook documents.</summary>
public static class PlaybookJson
{
    /// <summary>Documents are agreements between people, not data dumps: 1 MiB is far above any real one.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    public static JsonSerializerOptions Options => PlaybookJsonContext.Default.Options;

    public static DocumentParseResult Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    public static DocumentParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        DocumentWork.Parses.Add(1);
        if (utf8.Length > MaxDocumentBytes)
            return Fail("", $"The document is {utf8.Length:N0} bytes; the limit is {MaxDocumentBytes:N0}.");
        // A key twice or a NUL in a label: refused with its pointer, as the HTTP API refuses it in any body.
        if (Json.StrictJson.FindProblems(utf8, max: 1) is [var strict])
            return Fail(strict.Path, strict.Message);
        try
        {
            var document = JsonSerializer.Deserialize(utf8, PlaybookJsonContext.Default.PlaybookDocument);
            return document is null ? Fail("", "The document is null.") : new DocumentParseResult(document, null);
        }
        catch (JsonException ex)
        {
            return Fail(ToPointer(ex.Path), CleanMessage(ex.Message));
        }
    }

    public static DocumentParseResult FromNode(JsonNode? node)
    {
        if (node is null)
            return Fail("", "The document is null.");
        return Parse(Encoding.UTF8.GetBytes(node.ToJsonString()));
    }

    public static string Serialize(PlaybookDocument document, bool indented = false) =>
        indented
            ? JsonSerializer.Serialize(document, PlaybookJsonIndentedContext.Default.PlaybookDocument)
            : JsonSerializer.Serialize(document, PlaybookJsonContext.Default.PlaybookDocument);

    public static JsonNode ToNode(PlaybookDocument document) =>
        JsonSerializer.SerializeToNode(document, PlaybookJsonContext.Default.PlaybookDocument)!;

    /// <summary>
    /// Canonical form: properties sorted by ordinal name at every level, numbers in their shortest
    /// round-trip form, no whitespace, nulls omitted. Equal documents give equal bytes.
    /// </summary>
    public static byte[] ToCanonicalUtf8(PlaybookDocument document)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            WriteCanonical(writer, ToNode(document));
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>SHA-256 of the canonical form, lowercase hex.</summary>
    public static string ContentHash(PlaybookDocument document) =>
        Convert.ToHexStringLower(SHA256.HashData(ToCanonicalUtf8(document)));

    internal static void WriteCanonical(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, child) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (child is null)
                        continue;
                    writer.WritePropertyName(name);
                    WriteCanonical(writer, child);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var child in array)
                    WriteCanonical(writer, child);
                writer.WriteEndArray();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                writer.WriteNumberValue(value.GetValue<double>());
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>Turns System.Text.Json's <c>$.icp.criteria[2].points</c> into <c>/icp/criteria/2/points</c>.</summary>
    public static string ToPointer(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
            return "";
        var sb = new StringBuilder();
        var i = jsonPath.StartsWith('$') ? 1 : 0;
        while (i < jsonPath.Length)
        {
            if (jsonPath[i] == '.')
            {
                var end = jsonPath.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? jsonPath.Length : end;
                AppendSegment(sb, jsonPath[(i + 1)..end]);
                i = end;
            }
            else if (jsonPath[i] == '[')
            {
                var end = jsonPath.IndexOf(']', i);
                end = end < 0 ? jsonPath.Length : end;
                var inner = jsonPath[(i + 1)..end];
                AppendSegment(sb, inner.StartsWith('\'') ? inner.Trim('\'') : inner);
                i = end + 1;
            }
            else
            {
                i++;
            }
        }
        return sb.ToString();
    }

    private static void AppendSegment(StringBuilder sb, string segment) =>
        sb.Append('/').Append(segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));

    private static string CleanMessage(string message)
    {
        // System.Text.Json appends "Path: … | LineNumber: …" which duplicates the pointer we report.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static DocumentParseResult Fail(string path, string message) =>
        new(null, new DocumentProblem(path, message));

    internal static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Enums are written camelCase (<c>multiChoice</c>, <c>marketing</c>) and never as numbers.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 64,
    Converters = [typeof(CamelCaseEnumConverter<FieldType>), typeof(CamelCaseEnumConverter<Team>)])]
[JsonSerializable(typeof(PlaybookDocument))]
internal sealed partial class PlaybookJsonContext : JsonSerializerContext;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    Converters = [typeof(CamelCaseEnumConverter<FieldType>), typeof(CamelCaseEnumConverter<Team>)])]
[JsonSerializable(typeof(PlaybookDocument))]
internal sealed partial class PlaybookJsonIndentedContext : JsonSerializerContext;
