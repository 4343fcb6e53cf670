using System.Text.Json;
using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Domain.Scoring;

/// <summary>
/// Compiles a condition tree into nodes specialised by field type and operator. Assumes a validated
/// document; anything else is reported as a <see cref="PlaybookCompilationException"/> naming the path.
/// </summary>
internal sealed class ConditionCompiler(
    IReadOnlyList<FieldDefinition> fields,
    IReadOnlyDictionary<string, int> fieldIndex,
    IReadOnlyList<string> grades)
{
    public CompiledCondition Compile(Condition condition, string path, bool allowBuiltIns) => condition switch
    {
        AllCondition all => new AllNode(all.Conditions.Select((c, i) => Compile(c, $"{path}/all/{i}", allowBuiltIns)).ToArray()),
        AnyCondition any => new AnyNode(any.Conditions.Select((c, i) => Compile(c, $"{path}/any/{i}", allowBuiltIns)).ToArray()),
        NotCondition not => new NotNode(Compile(not.Condition, $"{path}/not", allowBuiltIns)),
        ComparisonCondition cmp when allowBuiltIns && BuiltInOperands.IsBuiltIn(cmp.Field) => CompileBuiltIn(cmp, path),
        ComparisonCondition cmp => CompileField(cmp, path),
        _ => throw new PlaybookCompilationException(path, "Unsupported condition."),
    };

    private CompiledCondition CompileField(ComparisonCondition cmp, string path)
    {
        if (!fieldIndex.TryGetValue(cmp.Field, out var slot))
            throw new PlaybookCompilationException($"{path}/field", $"Unknown field '{cmp.Field}'.");
        if (cmp.Op == ComparisonOperator.Exists)
            return new ExistsNode(slot);

        var field = fields[slot];
        var value = cmp.Value ?? throw new PlaybookCompilationException($"{path}/value", "A value is required.");
        return field.Type switch
        {
            FieldType.Number or FieldType.Date or FieldType.Boolean => Ordered(cmp.Op, value, v => NumberOf(field.Type, v, path),
                (lo, loIn, hi, hiIn) => new NumberRangeNode(slot, lo, loIn, hi, hiIn),
                (values, negate) => new NumberSetNode(slot, values, negate), path),
            FieldType.Choice => cmp.Op switch
            {
                ComparisonOperator.Eq or ComparisonOperator.In => new ChoiceSetNode(slot, Members(field.AllowedValues!, value), false),
                ComparisonOperator.Neq or ComparisonOperator.NotIn => new ChoiceSetNode(slot, Members(field.AllowedValues!, value), true),
                _ => throw Unsupported(cmp, field, path),
            },
            FieldType.MultiChoice => cmp.Op switch
            {
                ComparisonOperator.Contains or ComparisonOperator.Eq or ComparisonOperator.In => new MaskIntersectsNode(slot, Mask(field.AllowedValues!, value), false),
                ComparisonOperator.NotIn or ComparisonOperator.Neq => new MaskIntersectsNode(slot, Mask(field.AllowedValues!, value), true),
                _ => throw Unsupported(cmp, field, path),
            },
            FieldType.Text => cmp.Op switch
            {
                ComparisonOperator.Eq or ComparisonOperator.In => new TextSetNode(slot, Strings(value), false),
                ComparisonOperator.Neq or ComparisonOperator.NotIn => new TextSetNode(slot, Strings(value), true),
                ComparisonOperator.Contains => new TextContainsNode(slot, value.GetString()!),
                _ => throw Unsupported(cmp, field, path),
            },
            _ => throw Unsupported(cmp, field, path),
        };
    }

    private CompiledCondition CompileBuiltIn(ComparisonCondition cmp, string path)
    {
        if (cmp.Op == ComparisonOperator.Exists)
            return new ConstantNode(true);
        var value = cmp.Value ?? throw new PlaybookCompilationException($"{path}/value", "A value is required.");
        if (cmp.Field == BuiltInOperands.FitGrade)
        {
            return cmp.Op switch
            {
                ComparisonOperator.Eq or ComparisonOperator.In => new GradeSetNode(Members(grades, value), false),
                ComparisonOperator.Neq or ComparisonOperator.NotIn => new GradeSetNode(Members(grades, value), true),
                _ => throw new PlaybookCompilationException($"{path}/op", "fitGrade supports eq, neq, in and notIn."),
            };
        }

        var isFit = cmp.Field == BuiltInOperands.FitScore;
        CompiledCondition Range(double lo, bool loIn, double hi, bool hiIn, bool negate) => isFit
            ? new FitScoreRangeNode(lo, loIn, hi, hiIn, negate)
            : new EngagementRangeNode(lo, loIn, hi, hiIn, negate);
        return Ordered(cmp.Op, value, v => NumberOf(FieldType.Number, v, path),
            (lo, loIn, hi, hiIn) => Range(lo, loIn, hi, hiIn, false),
            (values, negate) =>
            {
                CompiledCondition any = new AnyNode(values.Select(v => Range(v, true, v, true, false)).ToArray());
                return negate ? new NotNode(any) : any;
            }, path);
    }

    private static CompiledCondition Ordered(
        ComparisonOperator op, JsonElement value, Func<JsonElement, double> read,
        Func<double, bool, double, bool, CompiledCondition> range,
        Func<double[], bool, CompiledCondition> set, string path) => op switch
    {
        ComparisonOperator.Eq => range(read(value), true, read(value), true),
        ComparisonOperator.Neq => set([read(value)], true),
        ComparisonOperator.In => set(value.EnumerateArray().Select(read).ToArray(), false),
        ComparisonOperator.NotIn => set(value.EnumerateArray().Select(read).ToArray(), true),
        ComparisonOperator.Gt => range(read(value), false, double.PositiveInfinity, true),
        ComparisonOperator.Gte => range(read(value), true, double.PositiveInfinity, true),
        ComparisonOperator.Lt => range(double.NegativeInfinity, true, read(value), false),
        ComparisonOperator.Lte => range(double.NegativeInfinity, true, read(value), true),
        ComparisonOperator.Between => range(read(value[0]), true, read(value[1]), true),
        _ => throw new PlaybookCompilationException($"{path}/op", $"'{ConditionJsonConverter.OperatorName(op)}' does not apply to ordered values."),
    };

    private static double NumberOf(FieldType type, JsonElement value, string path) => type switch
    {
        FieldType.Number when value.ValueKind == JsonValueKind.Number => value.GetDouble(),
        FieldType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False => value.GetBoolean() ? 1 : 0,
        FieldType.Date when value.ValueKind == JsonValueKind.String && FieldValues.TryParseDate(value.GetString()!, out var date) => date.DayNumber,
        _ => throw new PlaybookCompilationException($"{path}/value", $"{value.GetRawText()} is not a valid {type} constant."),
    };

    private static string[] Strings(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString()!).ToArray()
            : [value.GetString()!];

    private static bool[] Members(IReadOnlyList<string> allowed, JsonElement value)
    {
        var members = new bool[allowed.Count];
        foreach (var s in Strings(value))
        {
            for (var i = 0; i < allowed.Count; i++)
            {
                if (string.Equals(allowed[i], s, StringComparison.OrdinalIgnoreCase))
                    members[i] = true;
            }
        }
        return members;
    }

    private static ulong Mask(IReadOnlyList<string> allowed, JsonElement value)
    {
        var members = Members(allowed, value);
        var mask = 0UL;
        for (var i = 0; i < members.Length && i < 64; i++)
        {
            if (members[i])
                mask |= 1UL << i;
        }
        return mask;
    }

    private static PlaybookCompilationException Unsupported(ComparisonCondition cmp, FieldDefinition field, string path) =>
        new($"{path}/op", $"'{ConditionJsonConverter.OperatorName(cmp.Op)}' does not apply to {field.Type} field '{field.Key}'.");
}
