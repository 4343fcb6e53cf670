using System.Buffers;
using System.Text;
using System.Text.Json;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Domain.Leads;

/// <summary>
/// The stored form of a lead's values and events, and the merge rules of an upsert.
/// Fields: one JSON object, keys in ordinal order, no nulls (an unknown value is simply absent).
/// Events: one JSON array of <c>["type", utcTicks]</c> pairs in time order, no duplicates — ticks so that a
/// re-sent event compares equal to the stored one exactly. Both read with one pass of <see cref="Utf8JsonReader"/>.
/// </summary>
public static class LeadPayload
{
    public const string EmptyFields = "{}";
    public const string EmptyEvents = "[]";

    /// <summary>Merges sent values over stored ones: a sent value replaces, a sent null clears, the rest stay.</summary>
    public static SortedDictionary<string, JsonElement> MergeFields(string storedJson, IReadOnlyDictionary<string, JsonElement>? sent)
    {
        var merged = new SortedDictionary<string, JsonElement>(ReadFields(storedJson), StringComparer.Ordinal);
        if (sent is null)
            return merged;
        foreach (var (key, value) in sent)
        {
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                merged.Remove(key);
            else
                merged[key] = value;
        }
        return merged;
    }

    /// <summary>The union of stored and sent events, deduplicated by (type, moment) and ordered by moment then type.</summary>
    public static List<EngagementEvent> MergeEvents(string storedJson, IEnumerable<EngagementEvent>? sent)
    {
        var set = new HashSet<(string, long)>();
        var all = new List<EngagementEvent>();
        foreach (var e in ReadEvents(storedJson).Concat(sent ?? []))
        {
            if (set.Add((e.Type, e.OccurredAt.UtcTicks)))
                all.Add(new EngagementEvent(e.Type, new DateTimeOffset(e.OccurredAt.UtcTicks, TimeSpan.Zero)));
        }
        all.Sort(static (a, b) => a.OccurredAt.UtcTicks != b.OccurredAt.UtcTicks
            ? a.OccurredAt.UtcTicks.CompareTo(b.OccurredAt.UtcTicks)
            : string.CompareOrdinal(a.Type, b.Type));
        return all;
    }

    public static string WriteFields(IEnumerable<KeyValuePair<string, JsonElement>> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                    continue;
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string WriteEvents(IEnumerable<EngagementEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var e in events)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(e.Type);
                writer.WriteNumberValue(e.OccurredAt.UtcTicks);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The stored values; the elements stay valid as long as the returned dictionary is referenced.</summary>
    public static Dictionary<string, JsonElement> ReadFields(string json)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (json.Length <= 2)
            return result;
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
            result[property.Name] = property.Value.Clone();
        return result;
    }

    public static List<EngagementEvent> ReadEvents(string json)
    {
        var events = new List<EngagementEvent>();
        if (json.Length <= 2)
            return events;
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        reader.Read(); // [
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Read();
            var type = reader.GetString()!;
            reader.Read();
            var ticks = reader.GetInt64();
            reader.Read(); // ]
            events.Add(new EngagementEvent(type, new DateTimeOffset(ticks, TimeSpan.Zero)));
        }
        return events;
    }

    /// <summary>The lead as the scoring engine takes it.</summary>
    public static LeadData ToLeadData(string fieldsJson, string eventsJson) => new(ReadFields(fieldsJson), ReadEvents(eventsJson));

    public static LeadData ToLeadData(this Lead lead) => ToLeadData(lead.FieldsJson, lead.EventsJson);
}
