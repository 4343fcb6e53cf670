using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Domain.Scoring;

/// <summary>Grade and scores of a lead, available to the MQL rule only.</summary>
internal readonly record struct BuiltInValues(double FitScore, int GradeIndex, double EngagementScore);

/// <summary>
/// A condition compiled against a playbook: field references resolved to slot indexes, constants parsed and
/// specialised by type (choice sets as lookup tables, multiChoice as bit masks). Evaluation allocates nothing.
/// </summary>
internal abstract class CompiledCondition
{
    public abstract bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns);
}

internal sealed class AllNode(CompiledCondition[] children) : CompiledCondition
{
    public override bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns)
    {
        foreach (var child in children)
        {
            if (!child.Evaluate(slots, builtIns))
                return false;
        }
        return true;
    }
}

internal sealed class AnyNode(CompiledCondition[] children) : CompiledCondition
{
    public override bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns)
    {
        foreach (var child in children)
        {
            if (child.Evaluate(slots, builtIns))
                return true;
        }
        return false;
    }
}

internal sealed class NotNode(CompiledCondition child) : CompiledCondition
{
    public override bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns) => !child.Evaluate(slots, builtIns);
}

internal sealed class ExistsNode(int slot) : CompiledCondition
{
    public override bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns) => slots[slot].Present;
}

/// <summary>Numbers, dates and booleans: eq, gt, gte, lt, lte and between are all one interval test.</summary>
internal sealed class NumberRangeNode(int slot, double low, bool lowInclusive, double high, bool highInclusive) : CompiledCondition
{
    public override bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns)
    {
        ref readonly var s = ref slots[slot];
        return s.Present && InRange(s.Number, low, lowInclusive, high, highInclusive);
    }

    internal static bool InRange(double v, double low, bool lowInclusive, double high, bool highInclusive) =>
        (lowInclusive ? v >= low : v > low) && (highInclusive ? v <= high : v < high);
}

/// <summary>Numbers, dates and booleans against a list: eq/neq/in/notIn.</summary>
internal sealed class NumberSetNode(int slot, double[] values, bool negate) : CompiledCondition
{
    public override bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns)
    {
        ref readonly var s = ref slots[slot];
        return s.Present && Array.IndexOf(values, s.Number) >= 0 != negate;
    }
}

/// <summary>Choice fields: eq/neq/in/notIn as a lookup table indexed by the choice's position.</summary>
internal sealed class ChoiceSetNode(int slot, bool[] members, bool negate) : CompiledCondition
{
    public override bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns)
    {
        ref readonly var s = ref slots[slot];
        return s.Present && members[(int)s.Number] != negate;
    }
}

/// <summary>MultiChoice fields: contains/in (has any of) and notIn (has none of) as a mask intersection.</summary>
internal sealed class MaskIntersectsNode(int slot, ulong mask, bool negate) : CompiledCondition
{
    public override bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns)
    {
        ref readonly var s = ref slots[slot];
        return s.Present && (s.Mask & mask) != 0 != negate;
    }
}

internal sealed class TextSetNode(int slot, string[] values, bool negate) : CompiledCondition
{
    public override bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns)
    {
        ref readonly var s = ref slots[slot];
        if (!s.Present)
            return false;
        foreach (var value in values)
        {
            if (string.Equals(s.Text, value, StringComparison.OrdinalIgnoreCase))
                return !negate;
        }
        return negate;
    }
}

internal sealed class TextContainsNode(int slot, string value) : CompiledCondition
{
    public override bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns)
    {
        ref readonly var s = ref slots[slot];
        return s.Present && s.Text!.Contains(value, StringComparison.OrdinalIgnoreCase);
    }
}

internal sealed class FitScoreRangeNode(double low, bool lowInclusive, double high, bool highInclusive, bool negate) : CompiledCondition
{
    public override bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns) =>
        NumberRangeNode.InRange(builtIns.FitScore, low, lowInclusive, high, highInclusive) != negate;
}

internal sealed class EngagementRangeNode(double low, bool lowInclusive, double high, bool highInclusive, bool negate) : CompiledCondition
{
    public override bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns) =>
        NumberRangeNode.InRange(builtIns.EngagementScore, low, lowInclusive, high, highInclusive) != negate;
}

internal sealed class GradeSetNode(bool[] members, bool negate) : CompiledCondition
{
    public override bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns) => members[builtIns.GradeIndex] != negate;
}

internal sealed class ConstantNode(bool value) : CompiledCondition
{
    public override bool Evaluate(FieldSlot[] slots, in BuiltInValues builtIns) => value;
}

/// <summary>Thrown when a document that was never validated cannot be compiled. Validate documents first.</summary>
public sealed class PlaybookCompilationException(string path, string message) : Exception($"{path}: {message}")
{
    public string Path { get; } = path;
}
