using System.Globalization;
using System.Text.Json;
using SalesAlign.Contracts.Scoring;

namespace SalesAlign.Web.Insights;

/// <summary>One engagement event typed into the sandbox.</summary>
public sealed class SandboxEvent
{
    public string Type { get; set; } = "";

    public DateTime? OccurredAt { get; set; }
}

/// <summary>
/// The lead typed (or pasted) into the sandbox: a value per field key in the form's own types (number → double,
/// text and choice → string, boolean → bool, date → DateTime, multiChoice → string set) and the engagement events.
/// It becomes the API's <see cref="LeadDto"/> per side, keeping only what that side's playbook declares, so a field
/// a draft adds never makes the current version refuse the lead (and the other way round).
/// </summary>
public sealed class SandboxLead
{
    public const string DateFormat = "yyyy-MM-dd";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public string? ExternalId { get; set; } = "sandbox-1";

    public List<SandboxEvent> Events { get; } = [];

    public IReadOnlyDictionary<string, object?> Values => _values;

    public T? Get<T>(string key) => _values.TryGetValue(key, out var value) && value is T typed ? typed : default;

    public void Set(string key, object? value)
    {
        if (value is null or "" || value is IReadOnlyCollection<string> { Count: 0 })
            _values.Remove(key);
        else
            _values[key] = value;
    }

    public void Clear()
    {
        _values.Clear();
        Events.Clear();
    }

    /// <summary>The lead as one side's playbook accepts it, and what that side does not declare (left out, and said so).</summary>
    public (LeadDto Lead, IReadOnlyList<string> Ignored) ToLeadDto(PlaybookVocabulary side)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var ignored = new List<string>();
        foreach (var (key, value) in _values)
        {
            var field = side.Fields.FirstOrDefault(f => f.Key == key);
            if (field is null)
            {
                ignored.Add($"field '{key}'");
                continue;
            }
            fields[key] = ToElement(value);
        }
        var events = new List<EngagementEventDto>();
        foreach (var e in Events.Where(e => e.Type.Length > 0 && e.OccurredAt is not null))
        {
            if (side.DeclaresEventType(e.Type))
                events.Add(new EngagementEventDto(e.Type, new DateTimeOffset(DateTime.SpecifyKind(e.OccurredAt!.Value, DateTimeKind.Utc))));
            else if (!ignored.Contains($"event '{e.Type}'"))
                ignored.Add($"event '{e.Type}'");
        }
        return (new LeadDto(string.IsNullOrWhiteSpace(ExternalId) ? null : ExternalId.Trim(), fields, events), ignored);
    }

    /// <summary>The lead as the API's JSON (what an integration would send).</summary>
    public string ToJson(PlaybookVocabulary vocabulary) => JsonSerializer.Serialize(ToLeadDto(vocabulary).Lead, Json);

    /// <summary>
    /// Fills the form from pasted JSON: a lead (<c>{"fields": …, "events": …}</c>) or a scoring request
    /// (<c>{"lead": {…}}</c>). Values are converted to the declared field types; what cannot be is listed, not guessed.
    /// </summary>
    public IReadOnlyList<string> LoadJson(string text, PlaybookVocabulary vocabulary)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return [$"This is not JSON: {ex.Message}"];
        }
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("lead", out var wrapped))
            root = wrapped;
        if (root.ValueKind != JsonValueKind.Object)
            return ["Paste a lead object: {\"fields\": {…}, \"events\": [{\"type\": …, \"occurredAt\": …}]}."];

        var problems = new List<string>();
        Clear();
        ExternalId = root.TryGetProperty("externalId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        if (root.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in fields.EnumerateObject())
            {
                var field = vocabulary.Fields.FirstOrDefault(f => f.Key == property.Name);
                if (field is null)
                    problems.Add($"/fields/{property.Name}: not a field of this playbook.");
                else if (property.Value.ValueKind == JsonValueKind.Null)
                    continue;   // null is unknown, as in the API
                else if (TryRead(field, property.Value, out var value))
                    Set(field.Key, value);
                else
                    problems.Add($"/fields/{property.Name}: expected {Expected(field)}.");
            }
        }
        if (root.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var e in events.EnumerateArray())
            {
                var type = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                DateTimeOffset? at = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("occurredAt", out var o) && o.ValueKind == JsonValueKind.String
                    && DateTimeOffset.TryParse(o.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
                if (!vocabulary.DeclaresEventType(type))
                    problems.Add($"/events/{i}/type: '{type}' is not an event type of this playbook.");
                else if (at is null)
                    problems.Add($"/events/{i}/occurredAt: expected a date and time (ISO 8601).");
                else
                    Events.Add(new SandboxEvent { Type = type, OccurredAt = at.Value.UtcDateTime });
                i++;
            }
        }
        return problems;
    }

    private static bool TryRead(SandboxField field, JsonElement value, out object? read)
    {
        read = null;
        switch (field.Type)
        {
            case "number" when value.ValueKind == JsonValueKind.Number:
                read = value.GetDouble();
                return true;
            case "boolean" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                read = value.GetBoolean();
                return true;
            case "date" when value.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetString(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                read = date.ToDateTime(TimeOnly.MinValue);
                return true;
            case "multiChoice" when value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String):
                read = (IReadOnlyCollection<string>)[.. value.EnumerateArray().Select(v => v.GetString()!)];
                return true;
            case "text" or "choice" when value.ValueKind == JsonValueKind.String:
                read = value.GetString();
                return true;
            default:
                return false;
        }
    }

    private static string Expected(SandboxField field) => field.Type switch
    {
        "number" => "a number",
        "boolean" => "true or false",
        "date" => $"a date ({DateFormat})",
        "multiChoice" => "an array of strings",
        _ => "a string",
    };

    private static JsonElement ToElement(object? value) => value switch
    {
        DateTime date => JsonSerializer.SerializeToElement(date.ToString(DateFormat, CultureInfo.InvariantCulture)),
        IReadOnlyCollection<string> values => JsonSerializer.SerializeToElement(values.ToArray()),
        _ => JsonSerializer.SerializeToElement(value),
    };
}
