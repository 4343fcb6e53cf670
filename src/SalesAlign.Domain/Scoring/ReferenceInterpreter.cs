using System.Globalization;
using System.Text.Json;
using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Domain.Scoring;

/// <summary>
/// The plain, obviously-right evaluation of a lead against a document: walks the condition trees and reads
/// values by name on every use. It is the specification the compiled engine is tested against, not the
/// engine used in production. Values of the wrong type count as unknown; validate leads first.
/// </summary>
public static class ReferenceInterpreter
{
    public static LeadScore Score(PlaybookDocument document, LeadData lead, DateTimeOffset asOf)
    {
        var fields = document.Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        object? FieldValue(string key) =>
            fields.TryGetValue(key, out var field)
            && lead.Fields.TryGetValue(key, out var element)
            && FieldValues.TryRead(field, element, out var value, out _)
                ? value
                : null;

        var explanation = new List<RuleHit>();

        var fitScore = 0.0;
        foreach (var criterion in document.Icp.Criteria)
        {
            if (!Holds(criterion.Condition, FieldValue))
                continue;
            fitScore += criterion.Points;
            explanation.Add(new(RuleKind.Fit, criterion.Id, criterion.Label, true, criterion.Points, "condition met"));
        }
        var grade = document.Icp.GradeBands.First(b => (b.Min is null || fitScore >= b.Min) && (b.Max is null || fitScore < b.Max)).Grade;

        var engagement = 0.0;
        foreach (var rule in document.Scoring.Rules)
        {
            var rate = EngagementMath.DecayRate(rule.Decay);
            var expiry = EngagementMath.Expiry(rule.Decay);
            var total = 0.0;
            var counted = 0;
            foreach (var e in lead.Events.Where(e => e.Type == rule.EventType))
            {
                var age = EngagementMath.AgeInDays(asOf.UtcTicks, e.OccurredAt.UtcTicks);
                if (!EngagementMath.CountsAt(age, expiry))
                    continue;
                counted++;
                total += rule.Points * EngagementMath.Weight(age, rate, expiry);
            }
            if (counted == 0)
                continue;
            var points = EngagementMath.ApplyCap(total, rule.Cap);
            engagement += points;
            explanation.Add(new(RuleKind.Engagement, rule.Id, rule.Label ?? rule.EventType, true, points, EngagementDetail(counted, total, rule.Cap)));
        }

        object? Operand(string key) => key switch
        {
            BuiltInOperands.FitScore => fitScore,
            BuiltInOperands.FitGrade => grade,
            BuiltInOperands.EngagementScore => engagement,
            _ => FieldValue(key),
        };
        var isMql = Holds(document.Mql.Condition, Operand);
        explanation.Add(new(RuleKind.Mql, "mql", "MQL rule", isMql, 0, isMql ? "met" : "not met"));

        var checklist = document.Sql.Checklist
            .Select(c => new SqlCheckState(c.Id, c.Label, Holds(c.Condition, FieldValue)))
            .ToList();
        explanation.AddRange(checklist.Select(c => new RuleHit(RuleKind.Sql, c.Id, c.Label, c.Passed, 0, c.Passed ? "met" : "not met")));

        return new LeadScore(asOf, fitScore, grade, engagement, isMql, checklist, checklist.All(c => c.Passed),
            isMql ? Route.Sales : Route.Nurture, explanation);
    }

    internal static string EngagementDetail(int counted, double total, double? cap)
    {
        var events = counted == 1 ? "1 event" : $"{counted.ToString(CultureInfo.InvariantCulture)} events";
        return cap is { } c && Math.Abs(total) > c
            ? $"{events}, capped at {c.ToString(CultureInfo.InvariantCulture)}"
            : events;
    }

    private static bool Holds(Condition condition, Func<string, object?> resolve) => condition switch
    {
        AllCondition all => all.Conditions.All(c => Holds(c, resolve)),
        AnyCondition any => any.Conditions.Any(c => Holds(c, resolve)),
        NotCondition not => !Holds(not.Condition, resolve),
        ComparisonCondition cmp => Compare(resolve(cmp.Field), cmp.Op, cmp.Value),
        _ => false,
    };

    private static bool Compare(object? value, ComparisonOperator op, JsonElement? constant)
    {
        if (op == ComparisonOperator.Exists)
            return value is not null;
        if (value is null || constant is not { } c)
            return false;

        return op switch
        {
            ComparisonOperator.Eq => EqualTo(value, c),
            ComparisonOperator.Neq => !EqualTo(value, c),
            ComparisonOperator.In => c.ValueKind == JsonValueKind.Array && c.EnumerateArray().Any(item => EqualTo(value, item)),
            ComparisonOperator.NotIn => c.ValueKind == JsonValueKind.Array && !c.EnumerateArray().Any(item => EqualTo(value, item)),
            ComparisonOperator.Gt => Order(value, c) > 0,
            ComparisonOperator.Gte => Order(value, c) >= 0,
            ComparisonOperator.Lt => Order(value, c) < 0,
            ComparisonOperator.Lte => Order(value, c) <= 0,
            ComparisonOperator.Between => c.ValueKind == JsonValueKind.Array && c.GetArrayLength() == 2
                && Order(value, c[0]) >= 0 && Order(value, c[1]) <= 0,
            ComparisonOperator.Contains => c.ValueKind == JsonValueKind.String && value switch
            {
                string text => text.Contains(c.GetString()!, StringComparison.OrdinalIgnoreCase),
                string[] set => set.Contains(c.GetString()!, StringComparer.OrdinalIgnoreCase),
                _ => false,
            },
            _ => false,
        };
    }

    /// <summary>Equality with a constant; a set (multiChoice) equals a constant it contains.</summary>
    private static bool EqualTo(object value, JsonElement c) => value switch
    {
        double d => c.ValueKind == JsonValueKind.Number && d == c.GetDouble(),
        bool b => c.ValueKind is JsonValueKind.True or JsonValueKind.False && b == c.GetBoolean(),
        DateOnly date => c.ValueKind == JsonValueKind.String && FieldValues.TryParseDate(c.GetString()!, out var other) && date == other,
        string s => c.ValueKind == JsonValueKind.String && string.Equals(s, c.GetString(), StringComparison.OrdinalIgnoreCase),
        string[] set => c.ValueKind == JsonValueKind.String && set.Contains(c.GetString()!, StringComparer.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>Sign of value − constant for ordered types; null when they cannot be ordered.</summary>
    private static int? Order(object value, JsonElement c) => value switch
    {
        double d when c.ValueKind == JsonValueKind.Number => d.CompareTo(c.GetDouble()),
        DateOnly date when c.ValueKind == JsonValueKind.String && FieldValues.TryParseDate(c.GetString()!, out var other) => date.CompareTo(other),
        _ => null,
    };
}
