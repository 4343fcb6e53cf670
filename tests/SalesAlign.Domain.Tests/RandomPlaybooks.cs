using System.Globalization;
using System.Text.Json;
using Bogus;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Domain.Tests;

/// <summary>
/// Random but well-formed playbooks and leads for property tests. Constants and lead values are drawn from
/// the same small pools so that comparisons hit as often as they miss, including at boundaries.
/// </summary>
internal sealed class RandomPlaybooks(int seed)
{
    private static readonly string[] Words = ["alpha", "Beta", "GAMMA", "delta", "epsilon", "zeta"];
    private static readonly DateOnly Epoch = new(2026, 1, 1);
    private readonly Randomizer _r = new(seed);

    public static DateTimeOffset Now { get; } = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public PlaybookDocument Document()
    {
        var fields = Enumerable.Range(0, _r.Number(1, 12)).Select(Field).ToList();
        var eventTypes = Enumerable.Range(0, _r.Number(1, 6)).Select(i => new EventTypeDefinition { Key = $"e{i}", Label = $"Event {i}" }).ToList();
        var cuts = Enumerable.Range(0, _r.Number(0, 4)).Select(_ => (double)_r.Number(-20, 60)).Distinct().Order().ToList();
        var bands = Enumerable.Range(0, cuts.Count + 1).Select(i => new GradeBand
        {
            Grade = ((char)('A' + i)).ToString(),
            Min = i == 0 ? null : cuts[i - 1],
            Max = i == cuts.Count ? null : cuts[i],
        }).ToList();

        var draft = new PlaybookDocument { Fields = fields, EventTypes = eventTypes, Icp = new IcpSection { GradeBands = bands } };
        return draft with
        {
            Icp = draft.Icp with
            {
                Criteria = Enumerable.Range(0, _r.Number(0, 15)).Select(i => new FitCriterion
                {
                    Id = $"c{i}",
                    Label = $"Criterion {i}",
                    Condition = Condition(draft, depth: 0, builtIns: false),
                    Points = _r.Bool(0.8f) ? _r.Number(-30, 30) : Math.Round(_r.Double(-30, 30), 2),
                }).ToList(),
            },
            Scoring = new ScoringSection
            {
                Rules = Enumerable.Range(0, _r.Number(0, 10)).Select(i => new EngagementRule
                {
                    Id = $"r{i}",
                    EventType = _r.ListItem(eventTypes).Key,
                    Points = _r.Bool(0.8f) ? _r.Number(1, 40) : -_r.Number(1, 20),
                    Cap = _r.Bool() ? _r.Number(5, 60) : null,
                    Decay = _r.Number(0, 3) switch
                    {
                        0 => null,
                        1 => new Decay { HalfLifeDays = _r.Number(1, 60) },
                        2 => new Decay { ExpiresAfterDays = _r.Number(1, 90) },
                        _ => new Decay { HalfLifeDays = _r.Double(0.5, 60), ExpiresAfterDays = _r.Number(1, 90) },
                    },
                }).ToList(),
            },
            Mql = new MqlSection { Condition = Condition(draft, depth: 0, builtIns: true) },
            Sql = new SqlSection
            {
                Checklist = Enumerable.Range(0, _r.Number(1, 5)).Select(i => new SqlCriterion
                {
                    Id = $"s{i}",
                    Label = $"Check {i}",
                    Condition = Condition(draft, depth: 0, builtIns: false),
                }).ToList(),
            },
        };
    }

    public LeadData Lead(PlaybookDocument document)
    {
        var values = new Dictionary<string, JsonElement>();
        foreach (var field in document.Fields)
        {
            if (_r.Bool(0.25f))
                continue;
            values[field.Key] = _r.Bool(0.1f) ? JsonSerializer.SerializeToElement<object?>(null) : JsonSerializer.SerializeToElement(Value(field, forLead: true));
        }
        var events = Enumerable.Range(0, _r.Number(0, 15))
            .Select(_ => new EngagementEvent(_r.ListItem(document.EventTypes.ToList()).Key, Now.AddHours(-_r.Number(-120, 24 * 120))))
            .ToList();
        return new LeadData(values, events);
    }

    private FieldDefinition Field(int i)
    {
        var type = _r.Enum<FieldType>();
        return new FieldDefinition
        {
            Key = $"f{i}",
            Label = $"Field {i}",
            Type = type,
            AllowedValues = type is FieldType.Choice or FieldType.MultiChoice ? Words.Take(_r.Number(2, Words.Length)).ToList() : null,
        };
    }

    private Condition Condition(PlaybookDocument document, int depth, bool builtIns)
    {
        var pick = depth >= 3 ? 9 : _r.Number(0, 9);
        return pick switch
        {
            0 => new AllCondition(Enumerable.Range(0, _r.Number(1, 3)).Select(_ => Condition(document, depth + 1, builtIns)).ToList()),
            1 => new AnyCondition(Enumerable.Range(0, _r.Number(1, 3)).Select(_ => Condition(document, depth + 1, builtIns)).ToList()),
            2 => new NotCondition(Condition(document, depth + 1, builtIns)),
            3 or 4 when builtIns => BuiltInComparison(document),
            _ => FieldComparison(_r.ListItem(document.Fields.ToList())),
        };
    }

    private ComparisonCondition BuiltInComparison(PlaybookDocument document)
    {
        if (_r.Bool(0.4f))
        {
            var grades = document.Icp.GradeBands.Select(b => b.Grade).ToList();
            var op = _r.ArrayElement([ComparisonOperator.Eq, ComparisonOperator.Neq, ComparisonOperator.In, ComparisonOperator.NotIn]);
            return new(BuiltInOperands.FitGrade, op, op is ComparisonOperator.In or ComparisonOperator.NotIn
                ? Json(_r.ListItems(grades, _r.Number(1, grades.Count)))
                : Json(_r.ListItem(grades).ToLowerInvariant()));
        }
        var field = new FieldDefinition { Key = _r.Bool() ? BuiltInOperands.FitScore : BuiltInOperands.EngagementScore, Label = "x", Type = FieldType.Number };
        return FieldComparison(field);
    }

    private ComparisonCondition FieldComparison(FieldDefinition field)
    {
        ComparisonOperator[] ops = field.Type switch
        {
            FieldType.Text => [ComparisonOperator.Eq, ComparisonOperator.Neq, ComparisonOperator.In, ComparisonOperator.NotIn, ComparisonOperator.Contains, ComparisonOperator.Exists],
            FieldType.Number => [ComparisonOperator.Eq, ComparisonOperator.Neq, ComparisonOperator.Gt, ComparisonOperator.Gte, ComparisonOperator.Lt, ComparisonOperator.Lte, ComparisonOperator.Between, ComparisonOperator.In, ComparisonOperator.NotIn, ComparisonOperator.Exists],
            FieldType.Boolean => [ComparisonOperator.Eq, ComparisonOperator.Neq, ComparisonOperator.Exists],
            FieldType.Date => [ComparisonOperator.Eq, ComparisonOperator.Neq, ComparisonOperator.Gt, ComparisonOperator.Gte, ComparisonOperator.Lt, ComparisonOperator.Lte, ComparisonOperator.Between, ComparisonOperator.Exists],
            FieldType.Choice => [ComparisonOperator.Eq, ComparisonOperator.Neq, ComparisonOperator.In, ComparisonOperator.NotIn, ComparisonOperator.Exists],
            _ => [ComparisonOperator.Contains, ComparisonOperator.In, ComparisonOperator.NotIn, ComparisonOperator.Exists],
        };
        var op = _r.ArrayElement(ops);
        JsonElement? value = op switch
        {
            ComparisonOperator.Exists => null,
            ComparisonOperator.In or ComparisonOperator.NotIn => Json(Enumerable.Range(0, _r.Number(1, 3)).Select(_ => Value(field, forLead: false)).ToList()),
            ComparisonOperator.Between => Json(new[] { Value(field, false), Value(field, false) }.OrderBy(v => v is string s ? s : Convert.ToString(v, CultureInfo.InvariantCulture), StringComparer.Ordinal)
                .OrderBy(v => v is double d ? d : 0).ToList()),
            ComparisonOperator.Contains when field.Type == FieldType.Text => Json(_r.ArrayElement(Words)[..2]),
            _ => Json(Value(field, forLead: false)),
        };
        return new ComparisonCondition(field.Key, op, value);
    }

    private object Value(FieldDefinition field, bool forLead) => field.Type switch
    {
        FieldType.Number => _r.Bool(0.8f) ? _r.Number(0, 20) : Math.Round(_r.Double(0, 20), 1),
        FieldType.Text => forLead && _r.Bool(0.3f) ? _r.ArrayElement(Words).ToUpperInvariant() + " x" : _r.ArrayElement(Words),
        FieldType.Boolean => _r.Bool(),
        FieldType.Date => Epoch.AddDays(_r.Number(0, 20)).ToString(FieldValues.DateFormat, CultureInfo.InvariantCulture),
        FieldType.Choice => Case(_r.ListItem(field.AllowedValues!.ToList())),
        _ => forLead ? _r.ListItems(field.AllowedValues!.ToList(), _r.Number(0, field.AllowedValues!.Count)).Select(Case).ToArray() : _r.ListItem(field.AllowedValues!.ToList()),
    };

    private string Case(string s) => _r.Bool(0.2f) ? s.ToUpperInvariant() : s;

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);
}
