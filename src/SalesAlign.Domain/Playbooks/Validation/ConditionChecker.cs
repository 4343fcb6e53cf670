using SalesAlign.Domain.Playbooks;
using static SalesAlign.Domain.Playbooks.Validation.PlaybookErrorCodes;

namespace SalesAlign.Domain.Playbooks.Validation;

/// <summary>Something a comparison can look at: a declared field, or a built-in operand of the MQL rule.</summary>
internal sealed record Operand(string Key, string DisplayName, FieldType Type, IReadOnlyList<string> AllowedValues);

/// <summary>
/// Checks condition trees against the declared fields. Limits on depth and size keep evaluation cheap and
/// keep the rules readable by the people who agreed on them; they also bound recursion here.
/// </summary>
internal sealed class ConditionChecker
{
    public const int MaxDepth = 16;
    public const int MaxNodes = 200;

    private readonly ProblemSink _sink;
    private readonly Dictionary<string, Operand> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Operand> _builtIns = new(StringComparer.Ordinal);

    public ConditionChecker(ProblemSink sink, PlaybookDocument document)
    {
        _sink = sink;
        foreach (var field in document.Fields ?? [])
        {
            if (field is null || string.IsNullOrEmpty(field.Key))
                continue;
            var name = string.IsNullOrWhiteSpace(field.Label) ? field.Key : field.Label;
            _fields.TryAdd(field.Key, new Operand(field.Key, name, field.Type, field.AllowedValues ?? []));
        }

        var grades = (document.Icp?.GradeBands ?? [])
            .Where(b => b is not null && !string.IsNullOrEmpty(b.Grade))
            .Select(b => b.Grade)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        _builtIns[BuiltInOperands.FitGrade] = new(BuiltInOperands.FitGrade, "The fit grade", FieldType.Choice, grades);
        _builtIns[BuiltInOperands.FitScore] = new(BuiltInOperands.FitScore, "The fit score", FieldType.Number, []);
        _builtIns[BuiltInOperands.EngagementScore] = new(BuiltInOperands.EngagementScore, "The engagement score", FieldType.Number, []);
    }

    /// <param name="allowBuiltIns">Only the MQL rule runs after grading, so only it may use fit and engagement scores.</param>
    public void Check(Condition? condition, string path, bool allowBuiltIns)
    {
        if (condition is null)
        {
            _sink.Add(path, ConditionMissing, "A condition is required here.");
            return;
        }
        var walk = new Walk(allowBuiltIns);
        Visit(condition, path, depth: 1, walk);
        if (walk.Nodes > MaxNodes)
        {
            _sink.Add(path, ConditionTooLarge,
                $"This condition has {walk.Nodes} parts; the limit is {MaxNodes}. Split it into several criteria or simplify it.");
        }
    }

    private void Visit(Condition? node, string path, int depth, Walk walk)
    {
        walk.Nodes++;
        if (depth > MaxDepth)
        {
            if (!walk.DepthReported)
                _sink.Add(path, ConditionTooDeep, $"This condition is nested more than {MaxDepth} levels deep; flatten it.");
            walk.DepthReported = true;
            return;
        }
        switch (node)
        {
            case null:
                _sink.Add(path, ConditionMissing, "This condition is empty; remove it or fill it in.");
                break;
            case AllCondition all:
                VisitGroup(all.Conditions, $"{path}/all", depth, walk);
                break;
            case AnyCondition any:
                VisitGroup(any.Conditions, $"{path}/any", depth, walk);
                break;
            case NotCondition not:
                Visit(not.Condition, $"{path}/not", depth + 1, walk);
                break;
            case ComparisonCondition comparison:
                CheckComparison(comparison, path, walk.AllowBuiltIns);
                break;
        }
    }

    private void VisitGroup(IReadOnlyList<Condition>? children, string path, int depth, Walk walk)
    {
        if (children is null || children.Count == 0)
        {
            // An empty group silently means "every lead" (or "none"), which nobody writes on purpose.
            _sink.Add(path, ConditionEmpty, "This group has no conditions, so it would match every lead or none. Add at least one condition or remove the group.");
            return;
        }
        for (var i = 0; i < children.Count; i++)
            Visit(children[i], $"{path}/{i}", depth + 1, walk);
    }

    private void CheckComparison(ComparisonCondition comparison, string path, bool allowBuiltIns)
    {
        var operand = Resolve(comparison.Field, $"{path}/field", allowBuiltIns);
        if (operand is null)
            return;
        if (!Supports(operand.Type, comparison.Op))
        {
            var allowed = string.Join(", ", Enum.GetValues<ComparisonOperator>().Where(o => Supports(operand.Type, o)).Select(ConditionJsonConverter.OperatorName));
            _sink.Add($"{path}/op", OperatorNotSupported,
                $"'{ConditionJsonConverter.OperatorName(comparison.Op)}' does not work with {operand.DisplayName} ({TypeName(operand.Type)}); use one of: {allowed}.");
            return;
        }
        new ConditionValueChecker(_sink, operand).Check(comparison.Op, comparison.Value, $"{path}/value");
    }

    private Operand? Resolve(string? key, string path, bool allowBuiltIns)
    {
        if (string.IsNullOrEmpty(key))
        {
            _sink.Add(path, FieldUnknown, "Choose the field this comparison looks at.");
            return null;
        }
        if (_builtIns.TryGetValue(key, out var builtIn))
        {
            if (allowBuiltIns)
                return builtIn;
            _sink.Add(path, OperandNotAllowed,
                $"'{key}' is only known once a lead has been scored, so only the MQL rule may use it. ICP criteria and SQL checks compare declared fields.");
            return null;
        }
        if (_fields.TryGetValue(key, out var field))
            return field;

        var near = _fields.Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
        _sink.Add(path, FieldUnknown, near is null
            ? $"There is no field '{DocumentChecks.Shorten(key)}'. Declare it under fields, or use one of the declared fields."
            : $"There is no field '{key}'. Did you mean '{near}'? Field keys are case-sensitive.");
        return null;
    }

    internal static bool Supports(FieldType type, ComparisonOperator op) => type switch
    {
        FieldType.Text => op is ComparisonOperator.Eq or ComparisonOperator.Neq or ComparisonOperator.In or ComparisonOperator.NotIn
            or ComparisonOperator.Contains or ComparisonOperator.Exists,
        FieldType.Number => op is not ComparisonOperator.Contains,
        FieldType.Boolean => op is ComparisonOperator.Eq or ComparisonOperator.Neq or ComparisonOperator.Exists,
        FieldType.Date => op is not (ComparisonOperator.In or ComparisonOperator.NotIn or ComparisonOperator.Contains),
        FieldType.Choice => op is ComparisonOperator.Eq or ComparisonOperator.Neq or ComparisonOperator.In or ComparisonOperator.NotIn
            or ComparisonOperator.Exists,
        FieldType.MultiChoice => op is ComparisonOperator.Contains or ComparisonOperator.In or ComparisonOperator.NotIn or ComparisonOperator.Exists,
        _ => false,
    };

    internal static string TypeName(FieldType type) => type switch
    {
        FieldType.Text => "a text field",
        FieldType.Number => "a number",
        FieldType.Boolean => "a yes/no field",
        FieldType.Date => "a date",
        FieldType.Choice => "a choice field",
        FieldType.MultiChoice => "a multi-choice field",
        _ => "an unknown kind of field",
    };

    private sealed class Walk(bool allowBuiltIns)
    {
        public bool AllowBuiltIns { get; } = allowBuiltIns;
        public int Nodes { get; set; }
        public bool DepthReported { get; set; }
    }
}
