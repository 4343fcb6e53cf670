using System.Globalization;
using System.Text.Json;
using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Domain.Scoring;

/// <summary>
/// Reads one lead value against its field's type. The single definition of what a well-typed value is,
/// shared by lead validation, the interpreter and the binder.
/// Values: number → double, text → string, boolean → bool, date → DateOnly, choice → the declared spelling
/// (matched case-insensitively), multiChoice → string[] of declared spellings. JSON null → null (unknown).
/// </summary>
public static class FieldValues
{
    public const int MaxTextLength = 2000;
    public const string DateFormat = "yyyy-MM-dd";

    public static bool TryRead(FieldDefinition field, JsonElement element, out object? value, out string? error)
    {
        value = null;
        error = null;
        if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            return true;

        switch (field.Type)
        {
            case FieldType.Number when element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var number) && double.IsFinite(number):
                value = number;
                return true;
            case FieldType.Text when element.ValueKind == JsonValueKind.String:
                var text = element.GetString()!;
                if (text.Length > MaxTextLength)
                {
                    error = $"is {text.Length:N0} characters long; the limit is {MaxTextLength:N0}.";
                    return false;
                }
                value = text;
                return true;
            case FieldType.Boolean when element.ValueKind is JsonValueKind.True or JsonValueKind.False:
                value = element.GetBoolean();
                return true;
            case FieldType.Date when element.ValueKind == JsonValueKind.String && TryParseDate(element.GetString()!, out var date):
                value = date;
                return true;
            case FieldType.Choice when element.ValueKind == JsonValueKind.String:
                var choice = Canonical(field, element.GetString()!);
                if (choice is null)
                {
                    error = $"'{element.GetString()}' is not one of {Describe(field)}.";
                    return false;
                }
                value = choice;
                return true;
            case FieldType.MultiChoice when element.ValueKind == JsonValueKind.Array:
                var items = new List<string>();
                foreach (var item in element.EnumerateArray())
                {
                    var canonical = item.ValueKind == JsonValueKind.String ? Canonical(field, item.GetString()!) : null;
                    if (canonical is null)
                    {
                        error = $"{item.GetRawText()} is not one of {Describe(field)}.";
                        return false;
                    }
                    if (!items.Contains(canonical, StringComparer.Ordinal))
                        items.Add(canonical);
                }
                value = items.ToArray();
                return true;
            default:
                error = $"expected {Expected(field.Type)}, got {Kind(element.ValueKind)}.";
                return false;
        }
    }

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string? Canonical(FieldDefinition field, string raw)
    {
        if (field.AllowedValues is null)
            return null;
        foreach (var allowed in field.AllowedValues)
        {
            if (string.Equals(allowed, raw, StringComparison.OrdinalIgnoreCase))
                return allowed;
        }
        return null;
    }

    private static string Describe(FieldDefinition field) =>
        field.AllowedValues is { Count: <= 12 } values
            ? string.Join(", ", values.Select(v => $"'{v}'"))
            : $"the {field.AllowedValues?.Count ?? 0} values declared for '{field.Key}'";

    private static string Expected(FieldType type) => type switch
    {
        FieldType.Number => "a finite number",
        FieldType.Text => "a string",
        FieldType.Boolean => "true or false",
        FieldType.Date => $"a date string ({DateFormat})",
        FieldType.Choice => "one of the allowed values as a string",
        FieldType.MultiChoice => "an array of allowed values",
        _ => type.ToString(),
    };

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => kind.ToString(),
    };
}
