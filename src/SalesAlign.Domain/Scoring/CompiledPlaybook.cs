using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Domain.Scoring;

/// <summary>The numbers of a score, without the explanation: what the hot path produces.</summary>
public readonly record struct ScoreSummary(
    double FitScore, int GradeIndex, double EngagementScore, bool IsMql, ulong SqlPassedMask, bool IsSqlReady)
{
    public Route Route => IsMql ? Route.Sales : Route.Nurture;
}

/// <summary>What one rule did for one lead; filled by <see cref="CompiledPlaybook.Evaluate"/> when asked.</summary>
public readonly record struct RuleOutcome(bool Fired, double Points, double Uncapped = 0, int Events = 0);

/// <summary>
/// A playbook version compiled once for scoring many leads: fields resolved to slots, conditions specialised
/// by type, decay rates precomputed. Immutable and thread-safe. Compile a version once and cache it — never
/// per lead or per request.
/// </summary>
public sealed partial class CompiledPlaybook
{
    private readonly Dictionary<string, int> _fieldIndex;
    private readonly Dictionary<string, int> _eventTypeIndex;
    private readonly Dictionary<string, int>[] _choiceIndex;
    private readonly CompiledCondition[] _criteria;
    private readonly double[] _criterionPoints;
    private readonly double[] _bandMin;
    private readonly double[] _bandMax;
    private readonly int[] _ruleEventType;
    private readonly double[] _rulePoints;
    private readonly double[] _ruleDecayRate;
    private readonly double[] _ruleExpiry;
    private readonly double?[] _ruleCap;
    private readonly CompiledCondition _mql;
    private readonly CompiledCondition[] _sql;

    private CompiledPlaybook(PlaybookDocument document)
    {
        Document = document;
        _fieldIndex = document.Fields.Select((f, i) => (f.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        _eventTypeIndex = document.EventTypes.Select((e, i) => (e.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        _choiceIndex = document.Fields
            .Select(f => (f.AllowedValues ?? []).Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i, StringComparer.OrdinalIgnoreCase))
            .ToArray();

        var grades = document.Icp.GradeBands.Select(b => b.Grade).ToArray();
        var compiler = new ConditionCompiler(document.Fields, _fieldIndex, grades);

        var criteria = document.Icp.Criteria;
        _criteria = criteria.Select((c, i) => compiler.Compile(c.Condition, $"/icp/criteria/{i}/condition", allowBuiltIns: false)).ToArray();
        _criterionPoints = criteria.Select(c => c.Points).ToArray();
        _bandMin = document.Icp.GradeBands.Select(b => b.Min ?? double.NegativeInfinity).ToArray();
        _bandMax = document.Icp.GradeBands.Select(b => b.Max ?? double.PositiveInfinity).ToArray();
        if (_bandMin.Length == 0)
            throw new PlaybookCompilationException("/icp/gradeBands", "At least one grade band is required.");

        var rules = document.Scoring.Rules;
        _ruleEventType = rules.Select((r, i) => _eventTypeIndex.TryGetValue(r.EventType, out var t)
            ? t
            : throw new PlaybookCompilationException($"/scoring/rules/{i}/eventType", $"Unknown event type '{r.EventType}'.")).ToArray();
        _rulePoints = rules.Select(r => r.Points).ToArray();
        _ruleDecayRate = rules.Select(r => EngagementMath.DecayRate(r.Decay)).ToArray();
        _ruleExpiry = rules.Select(r => EngagementMath.Expiry(r.Decay)).ToArray();
        _ruleCap = rules.Select(r => r.Cap).ToArray();

        _mql = compiler.Compile(document.Mql.Condition, "/mql/condition", allowBuiltIns: true);
        _sql = document.Sql.Checklist.Select((c, i) => compiler.Compile(c.Condition, $"/sql/checklist/{i}/condition", allowBuiltIns: false)).ToArray();
        if (_sql.Length > 64)
            throw new PlaybookCompilationException("/sql/checklist", "At most 64 SQL checks are supported.");
    }

    public PlaybookDocument Document { get; }

    /// <summary>How many <see cref="RuleOutcome"/>s <see cref="Evaluate"/> can fill: criteria, then engagement rules, then SQL checks.</summary>
    public int OutcomeCount => _criteria.Length + _rulePoints.Length + _sql.Length;

    public static CompiledPlaybook Compile(PlaybookDocument document) => new(document);

    /// <summary>Validates a lead and resolves it to slots for this playbook; every problem is reported.</summary>
    public LeadBindResult Bind(LeadData lead)
    {
        var slots = new FieldSlot[Document.Fields.Count];
        var problems = new List<DocumentProblem>();
        var eventTypes = new int[lead.Events.Count];
        LeadValidation.Read(Document.Fields, _fieldIndex, _eventTypeIndex, lead, problems,
            (index, value) => slots[index] = ToSlot(index, value),
            (eventIndex, typeIndex) => eventTypes[eventIndex] = typeIndex);
        if (problems.Count > 0)
            return new LeadBindResult(null, problems);

        // Counting sort by event type keeps each type's events in reported order, as the interpreter reads them.
        var offsets = new int[_eventTypeIndex.Count + 1];
        foreach (var t in eventTypes)
            offsets[t + 1]++;
        for (var t = 0; t < _eventTypeIndex.Count; t++)
            offsets[t + 1] += offsets[t];
        var cursor = offsets[..^1];
        var ticks = new long[eventTypes.Length];
        for (var i = 0; i < eventTypes.Length; i++)
            ticks[cursor[eventTypes[i]]++] = lead.Events[i].OccurredAt.UtcTicks;

        return new LeadBindResult(new BoundLead(slots, offsets, ticks), []);
    }

    private FieldSlot ToSlot(int index, object? value) => value switch
    {
        null => default,
        double d => new FieldSlot { Present = true, Number = d },
        bool b => new FieldSlot { Present = true, Number = b ? 1 : 0 },
        DateOnly date => new FieldSlot { Present = true, Number = date.DayNumber },
        string s when Document.Fields[index].Type == FieldType.Choice => new FieldSlot { Present = true, Number = _choiceIndex[index][s] },
        string s => new FieldSlot { Present = true, Text = s },
        string[] set => new FieldSlot { Present = true, Mask = MaskOf(_choiceIndex[index], set) },
        _ => throw new InvalidOperationException($"Unexpected value type {value.GetType().Name}."),
    };

    private static ulong MaskOf(Dictionary<string, int> choices, string[] set)
    {
        var mask = 0UL;
        foreach (var s in set)
            mask |= 1UL << choices[s];
        return mask;
    }

    /// <summary>
    /// Scores a bound lead as of a moment. Allocates nothing. When <paramref name="outcomes"/> has room
    /// (<see cref="OutcomeCount"/>), it receives what each rule did, for an explanation.
    /// </summary>
    public ScoreSummary Evaluate(BoundLead lead, DateTimeOffset asOf, Span<RuleOutcome> outcomes = default)
    {
        var record = outcomes.Length >= OutcomeCount;
        var slots = lead.Slots;
        var noBuiltIns = default(BuiltInValues);

        var fit = 0.0;
        for (var i = 0; i < _criteria.Length; i++)
        {
            var fired = _criteria[i].Evaluate(slots, noBuiltIns);
            if (fired)
                fit += _criterionPoints[i];
            if (record)
                outcomes[i] = new RuleOutcome(fired, fired ? _criterionPoints[i] : 0);
        }

        var grade = 0;
        while (grade < _bandMin.Length - 1 && !(fit >= _bandMin[grade] && fit < _bandMax[grade]))
            grade++;

        var engagement = 0.0;
        var asOfTicks = asOf.UtcTicks;
        var offsets = lead.EventOffsets;
        var ticks = lead.EventTicks;
        for (var r = 0; r < _rulePoints.Length; r++)
        {
            var type = _ruleEventType[r];
            var total = 0.0;
            var counted = 0;
            for (var e = offsets[type]; e < offsets[type + 1]; e++)
            {
                var age = EngagementMath.AgeInDays(asOfTicks, ticks[e]);
                if (!EngagementMath.CountsAt(age, _ruleExpiry[r]))
                    continue;
                counted++;
                total += _rulePoints[r] * EngagementMath.Weight(age, _ruleDecayRate[r], _ruleExpiry[r]);
            }
            var points = counted == 0 ? 0 : EngagementMath.ApplyCap(total, _ruleCap[r]);
            engagement += points;
            if (record)
                outcomes[_criteria.Length + r] = new RuleOutcome(counted > 0, points, total, counted);
        }

        var builtIns = new BuiltInValues(fit, grade, engagement);
        var isMql = _mql.Evaluate(slots, builtIns);

        var sqlMask = 0UL;
        var sqlReady = true;
        var sqlBase = _criteria.Length + _rulePoints.Length;
        for (var i = 0; i < _sql.Length; i++)
        {
            var passed = _sql[i].Evaluate(slots, noBuiltIns);
            if (passed)
                sqlMask |= 1UL << i;
            else
                sqlReady = false;
            if (record)
                outcomes[sqlBase + i] = new RuleOutcome(passed, 0);
        }

        return new ScoreSummary(fit, grade, engagement, isMql, sqlMask, sqlReady);
    }

    /// <summary>Scores a bound lead and explains every rule, in the same shape as the reference interpreter.</summary>
    public LeadScore Explain(BoundLead lead, DateTimeOffset asOf)
    {
        var outcomes = new RuleOutcome[OutcomeCount];
        var summary = Evaluate(lead, asOf, outcomes);
        var explanation = new List<RuleHit>();

        var criteria = Document.Icp.Criteria;
        for (var i = 0; i < criteria.Count; i++)
        {
            if (outcomes[i].Fired)
                explanation.Add(new(RuleKind.Fit, criteria[i].Id, criteria[i].Label, true, criteria[i].Points, "condition met"));
        }

        var rules = Document.Scoring.Rules;
        for (var r = 0; r < rules.Count; r++)
        {
            var o = outcomes[criteria.Count + r];
            if (o.Fired)
                explanation.Add(new(RuleKind.Engagement, rules[r].Id, rules[r].Label ?? rules[r].EventType, true, o.Points,
                    ReferenceInterpreter.EngagementDetail(o.Events, o.Uncapped, rules[r].Cap)));
        }

        explanation.Add(new(RuleKind.Mql, "mql", "MQL rule", summary.IsMql, 0, summary.IsMql ? "met" : "not met"));

        var checks = Document.Sql.Checklist;
        var checklist = new List<SqlCheckState>(checks.Count);
        for (var i = 0; i < checks.Count; i++)
        {
            var passed = (summary.SqlPassedMask & (1UL << i)) != 0;
            checklist.Add(new SqlCheckState(checks[i].Id, checks[i].Label, passed));
            explanation.Add(new(RuleKind.Sql, checks[i].Id, checks[i].Label, passed, 0, passed ? "met" : "not met"));
        }

        return new LeadScore(asOf, summary.FitScore, Document.Icp.GradeBands[summary.GradeIndex].Grade, summary.EngagementScore,
            summary.IsMql, checklist, summary.IsSqlReady, summary.Route, explanation);
    }

    /// <summary>Binds and explains in one step: a score, or the problems with the lead.</summary>
    public LeadScoringResult Score(LeadData lead, DateTimeOffset asOf)
    {
        var bound = Bind(lead);
        return bound.Lead is { } b
            ? new LeadScoringResult(Explain(b, asOf), [])
            : new LeadScoringResult(null, bound.Problems);
    }
}

public sealed record LeadScoringResult(LeadScore? Score, IReadOnlyList<DocumentProblem> Problems)
{
    public bool IsSuccess => Score is not null;
}
