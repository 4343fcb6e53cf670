using System.Globalization;
using System.Text.Json;
using SalesAlign.Domain.Playbooks;
using static SalesAlign.Domain.Playbooks.Validation.PlaybookErrorCodes;

namespace SalesAlign.Domain.Playbooks.Validation;

/// <summary>Checks the constant a comparison compares with against the operand's type and the operator.</summary>
internal sealed class ConditionValueChecker(ProblemSink sink, Operand operand)
{
    public const int MaxListValues = 500;
    public const int MaxTextLength = 500;

    public void Check(ComparisonOperator op, JsonElement? value, string path)
    {
        var opName = ConditionJsonConverter.OperatorName(op);
        if (op == ComparisonOperator.Exists)
        {
            if (value is not null)
                sink.Add(path, ValueUnexpected, "'exists' only asks whether the lead has a value; remove 'value'.");
            return;
        }
        if (value is not { ValueKind: not JsonValueKind.Undefined } v)
        {
            sink.Add(path, ValueMissing, $"'{opName}' needs a value to compare {operand.DisplayName} with.");
            return;
        }
        switch (op)
        {
            case ComparisonOperator.In or ComparisonOperator.NotIn:
                CheckList(v, path, opName);
                break;
            case ComparisonOperator.Between:
                CheckRange(v, path);
                break;
            case ComparisonOperator.Contains when operand.Type == FieldType.Text:
                if (CheckScalar(v, path) is not null && v.GetString()!.Length == 0)
                    sink.Add(path, ValueEmpty, "'contains' with empty text matches every lead; write the text to look for.");
                break;
            default:
                CheckScalar(v, path);
                break;
        }
    }

    private void CheckList(JsonElement value, string path, string opName)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            sink.Add(path, ValueTypeMismatch, $"'{opName}' needs a list of values, e.g. [{Example()}, …]; this is {Describe(value)}.");
            return;
        }
        var count = value.GetArrayLength();
        if (count == 0)
        {
            sink.Add(path, ValueListEmpty, $"'{opName}' needs at least one value in the list.");
            return;
        }
        if (count > MaxListValues)
            sink.Add(path, ValueListTooLong, $"The list has {count:N0} values; the limit is {MaxListValues}.");
        var i = 0;
        foreach (var item in value.EnumerateArray())
            CheckScalar(item, $"{path}/{i++}");
    }

    private void CheckRange(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2)
        {
            sink.Add(path, ValueRangeSize, $"'between' needs exactly two values, the low and the high end, e.g. [{Example()}, {Example(high: true)}]; both ends are included.");
            return;
        }
        var low = CheckScalar(value[0], $"{path}/0");
        var high = CheckScalar(value[1], $"{path}/1");
        if (low is not null && high is not null && low > high)
            sink.Add(path, ValueRangeReversed, $"The low end ({value[0]}) is above the high end ({value[1]}); swap them.");
    }

    /// <returns>A number that orders the value (days for dates), or null when the value is not acceptable.</returns>
    private double? CheckScalar(JsonElement value, string path)
    {
        switch (operand.Type)
        {
            case FieldType.Number:
                if (value.ValueKind != JsonValueKind.Number)
                    return Mismatch(value, path, "write a number such as 500, without quotes");
                // JSON cannot spell NaN or Infinity, but 1e999 reads as infinity and documents can be built in code.
                if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    sink.Add(path, ValueNotFinite, $"{value} is too large to compare with.");
                    return null;
                }
                return number;
            case FieldType.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? 0
                    : Mismatch(value, path, "write true or false, without quotes");
            case FieldType.Date:
                if (value.ValueKind != JsonValueKind.String)
                    return Mismatch(value, path, "write a date as \"yyyy-MM-dd\", e.g. \"2027-07-01\"");
                if (!DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    sink.Add(path, ValueInvalidDate, $"'{DocumentChecks.Shorten(value.GetString()!)}' is not a date; write dates as yyyy-MM-dd, e.g. 2027-07-01.");
                    return null;
                }
                return date.DayNumber;
            case FieldType.Text:
                if (value.ValueKind != JsonValueKind.String)
                    return Mismatch(value, path, "write text in quotes");
                if (value.GetString()!.Length > MaxTextLength)
                {
                    sink.Add(path, ValueTooLong, $"This text is {value.GetString()!.Length} characters long; keep it to {MaxTextLength}.");
                    return null;
                }
                return 0;
            default:
                return CheckChoice(value, path);
        }
    }

    private double? CheckChoice(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
            return Mismatch(value, path, $"write one of its values in quotes, e.g. {Example()}");
        var text = value.GetString()!;
        // With no declared values the field itself is already reported; naming every use would only add noise.
        if (operand.AllowedValues.Count == 0 || operand.AllowedValues.Contains(text, StringComparer.Ordinal))
            return 0;
        var near = operand.AllowedValues.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
        var shown = string.Join(", ", operand.AllowedValues.Take(12)) + (operand.AllowedValues.Count > 12 ? ", …" : "");
        sink.Add(path, ValueChoiceUnknown, near is not null
            ? $"'{text}' is not a value of {operand.DisplayName}. Did you mean '{near}'? Values are case-sensitive."
            : $"'{DocumentChecks.Shorten(text)}' is not a value of {operand.DisplayName}; the values are: {shown}.");
        return null;
    }

    private double? Mismatch(JsonElement value, string path, string hint)
    {
        sink.Add(path, ValueTypeMismatch, $"{operand.DisplayName} is {TypeName()}, so {hint}; this is {Describe(value)}.");
        return null;
    }

    private string TypeName() => ConditionChecker.TypeName(operand.Type);

    private string Example(bool high = false) => operand.Type switch
    {
        FieldType.Number => high ? "5000" : "200",
        FieldType.Date => high ? "\"2027-12-31\"" : "\"2027-01-01\"",
        FieldType.Boolean => "true",
        _ when operand.AllowedValues.Count > 0 => $"\"{operand.AllowedValues[Math.Min(high ? 1 : 0, operand.AllowedValues.Count - 1)]}\"",
        _ => "\"text\"",
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the text \"{DocumentChecks.Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value}",
        JsonValueKind.True or JsonValueKind.False => $"the yes/no value {value}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
