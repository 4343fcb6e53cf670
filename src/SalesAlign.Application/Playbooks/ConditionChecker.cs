using System.Text.Json;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Scoring;
using Op = SalesAlign.Domain.Playbooks.ComparisonOperator;

namespace SalesAlign.Application.Playbooks;

/// <summary>Checks a condition tree against the declared fields: references, operators and constants.</summary>
internal sealed class ConditionChecker(DocumentChecker report, PlaybookDocument document)
{
    public const int MaxDepth = 16;
    public const int MaxNodes = 200;
    public const int MaxListValues = 500;

    private static readonly Dictionary<FieldType, Op[]> OperatorsByType = new()
    {
        [FieldType.Text] = [Op.Eq, Op.Neq, Op.In, Op.NotIn, Op.Contains, Op.Exists],
        [FieldType.Number] = [Op.Eq, Op.Neq, Op.Gt, Op.Gte, Op.Lt, Op.Lte, Op.Between, Op.In, Op.NotIn, Op.Exists],
        [FieldType.Boolean] = [Op.Eq, Op.Neq, Op.Exists],
        [FieldType.Date] = [Op.Eq, Op.Neq, Op.Gt, Op.Gte, Op.Lt, Op.Lte, Op.Between, Op.Exists],
        [FieldType.Choice] = [Op.Eq, Op.Neq, Op.In, Op.NotIn, Op.Exists],
        [FieldType.MultiChoice] = [Op.Contains, Op.In, Op.NotIn, Op.Exists],
    };

    private readonly Dictionary<string, FieldDefinition> _fields = document.Fields
        .GroupBy(f => f.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public void Check(Condition? condition, string path, bool allowBuiltIns)
    {
        var nodes = 0;
        Walk(condition, path, allowBuiltIns, depth: 1, ref nodes);
        if (nodes > MaxNodes)
            report.Add(path, "condition.too_large", $"A condition may have at most {MaxNodes} parts; this one has {nodes}.");
    }

    private void Walk(Condition? condition, string path, bool allowBuiltIns, int depth, ref int nodes)
    {
        nodes++;
        if (depth > MaxDepth)
        {
            report.Add(path, "condition.too_deep", $"Conditions may nest at most {MaxDepth} levels.");
            return;
        }
        switch (condition)
        {
            case null:
                report.Add(path, "condition.missing", "A condition is required.");
                break;
            case AllCondition { Conditions.Count: 0 }:
            case AnyCondition { Conditions.Count: 0 }:
                report.Add(path, "condition.empty", "An empty 'all' or 'any' decides nothing; add at least one condition.");
                break;
            case AllCondition all:
                for (var i = 0; i < all.Conditions.Count; i++)
                    Walk(all.Conditions[i], $"{path}/all/{i}", allowBuiltIns, depth + 1, ref nodes);
                break;
            case AnyCondition any:
                for (var i = 0; i < any.Conditions.Count; i++)
                    Walk(any.Conditions[i], $"{path}/any/{i}", allowBuiltIns, depth + 1, ref nodes);
                break;
            case NotCondition not:
                Walk(not.Condition, $"{path}/not", allowBuiltIns, depth + 1, ref nodes);
                break;
            case ComparisonCondition cmp:
                Comparison(cmp, path, allowBuiltIns);
                break;
        }
    }

    private void Comparison(ComparisonCondition cmp, string path, bool allowBuiltIns)
    {
        var field = Resolve(cmp.Field, path, allowBuiltIns);
        if (field is null)
            return;
        if (!OperatorsByType[field.Type].Contains(cmp.Op))
        {
            report.Add($"{path}/op", "operator.invalid",
                $"'{ConditionJsonConverter.OperatorName(cmp.Op)}' does not apply to {DocumentChecker.Camel(field.Type)} field '{field.Key}'; use one of {string.Join(", ", OperatorsByType[field.Type].Select(ConditionJsonConverter.OperatorName))}.");
            return;
        }

        var valuePath = $"{path}/value";
        if (cmp.Op == Op.Exists)
        {
            if (cmp.Value is { ValueKind: not JsonValueKind.Null })
                report.Add(valuePath, "value.unexpected", "'exists' takes no value.");
            return;
        }
        if (cmp.Value is not { ValueKind: not JsonValueKind.Null } value)
        {
            report.Add(valuePath, "value.missing", $"'{ConditionJsonConverter.OperatorName(cmp.Op)}' needs a value.");
            return;
        }

        switch (cmp.Op)
        {
            case Op.In or Op.NotIn:
                if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > MaxListValues)
                    report.Add(valuePath, "value.type_mismatch", $"'{ConditionJsonConverter.OperatorName(cmp.Op)}' takes an array of 1 to {MaxListValues} values.");
                else
                    EachItem(field, value, valuePath);
                break;
            case Op.Between:
                if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2)
                {
                    report.Add(valuePath, "value.type_mismatch", "'between' takes [low, high].");
                }
                else if (Scalar(field, value[0], $"{valuePath}/0") && Scalar(field, value[1], $"{valuePath}/1")
                         && Ordinal(field, value[0]) > Ordinal(field, value[1]))
                {
                    report.Add(valuePath, "value.range", "In 'between', the low value must not exceed the high value.");
                }
                break;
            default:
                Scalar(field, value, valuePath);
                break;
        }
    }

    private FieldDefinition? Resolve(string key, string path, bool allowBuiltIns)
    {
        if (BuiltInOperands.IsBuiltIn(key))
        {
            if (!allowBuiltIns)
            {
                report.Add($"{path}/field", "field.builtin_not_allowed", $"'{key}' is only known once a lead is graded, so only the MQL rule may use it.");
                return null;
            }
            return key == BuiltInOperands.FitGrade
                ? new FieldDefinition { Key = key, Label = "Fit grade", Type = FieldType.Choice, AllowedValues = document.Icp.GradeBands.Select(b => b.Grade).ToList() }
                : new FieldDefinition { Key = key, Label = key, Type = FieldType.Number };
        }
        if (_fields.TryGetValue(key, out var field))
            return field;
        report.Add($"{path}/field", "field.unknown", $"Field '{key}' is not declared in /fields.");
        return null;
    }

    private void EachItem(FieldDefinition field, JsonElement array, string path)
    {
        var i = 0;
        foreach (var item in array.EnumerateArray())
            Scalar(field, item, $"{path}/{i++}");
    }

    /// <summary>One constant of the field's type; for (multi)choice fields, one of its allowed values.</summary>
    private bool Scalar(FieldDefinition field, JsonElement value, string path)
    {
        if (field.Type == FieldType.MultiChoice)
            field = field with { Type = FieldType.Choice };
        if (field.Type == FieldType.Text && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 500)
        {
            report.Add(path, "value.too_long", "Text constants are at most 500 characters.");
            return false;
        }
        if (FieldValues.TryRead(field, value, out var parsed, out var error) && parsed is not null)
            return true;
        var code = field.Type == FieldType.Choice && value.ValueKind == JsonValueKind.String ? "value.unknown_choice" : "value.type_mismatch";
        report.Add(path, code, $"'{field.Key}': {error ?? "a value is required."}");
        return false;
    }

    private static double Ordinal(FieldDefinition field, JsonElement value) =>
        field.Type == FieldType.Date && FieldValues.TryParseDate(value.GetString()!, out var d) ? d.DayNumber : value.GetDouble();
}
