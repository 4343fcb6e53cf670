using SalesAlign.Domain.Playbooks;
using static SalesAlign.Domain.Playbooks.Validation.PlaybookErrorCodes;

namespace SalesAlign.Domain.Playbooks.Validation;

/// <summary>Engagement scoring, the MQL rule and the SQL checklist.</summary>
internal static class QualificationRules
{
    public const int MaxEngagementRules = 500;
    public const double MaxCap = 100_000;
    public const double MaxDecayDays = 3650;
    public const int MaxSqlChecks = 50;

    public static void CheckEngagementRules(ProblemSink sink, IReadOnlyList<EngagementRule>? rules, IReadOnlyList<EventTypeDefinition>? eventTypes)
    {
        rules ??= [];
        var declared = (eventTypes ?? []).Where(e => e?.Key is not null).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        DocumentChecks.CheckCount(sink, "/scoring/rules", rules.Count, 0, MaxEngagementRules, "engagement rules");
        DocumentChecks.CheckKeys(sink, rules, "/scoring/rules", "id", "rule id", r => r.Id);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var path = $"/scoring/rules/{i}";
            if (rule is null)
                continue;
            if (rule.Label is not null)
                DocumentChecks.CheckLabel(sink, $"{path}/label", rule.Label, "engagement rule");
            if (string.IsNullOrEmpty(rule.EventType) || !declared.Contains(rule.EventType))
            {
                sink.Add($"{path}/eventType", EventTypeUnknown, string.IsNullOrEmpty(rule.EventType)
                    ? "Choose the event type this rule scores."
                    : $"There is no event type '{DocumentChecks.Shorten(rule.EventType)}'. Declare it under eventTypes, or use one of the declared event types.");
            }
            if (DocumentChecks.CheckNumber(sink, $"{path}/points", rule.Points, -IcpRules.MaxPoints, IcpRules.MaxPoints, "points") && rule.Points == 0)
                sink.Add($"{path}/points", PointsZero, "A rule worth 0 points does nothing; give it points or remove it.");
            if (rule.Cap is { } cap)
                DocumentChecks.CheckNumber(sink, $"{path}/cap", cap, 0, MaxCap, "the cap", minExclusive: true);
            if (rule.Decay is { } decay)
                CheckDecay(sink, decay, $"{path}/decay");
        }
    }

    // Bounding decay also keeps the engine's exponentials and date arithmetic away from overflow.
    private static void CheckDecay(ProblemSink sink, Decay decay, string path)
    {
        if (decay.HalfLifeDays is null && decay.ExpiresAfterDays is null)
            sink.Add(path, DecayEmpty, "Decay needs halfLifeDays, expiresAfterDays or both; remove decay if events should count forever.");
        if (decay.HalfLifeDays is { } halfLife)
            DocumentChecks.CheckNumber(sink, $"{path}/halfLifeDays", halfLife, 0, MaxDecayDays, "the half-life in days", minExclusive: true);
        if (decay.ExpiresAfterDays is { } expiry)
            DocumentChecks.CheckNumber(sink, $"{path}/expiresAfterDays", expiry, 0, MaxDecayDays, "the expiry in days", minExclusive: true);
    }

    public static void CheckMql(ProblemSink sink, ConditionChecker conditions, MqlSection? mql)
    {
        if (mql?.Condition is AllCondition { Conditions.Count: 0 } or AnyCondition { Conditions.Count: 0 } or null)
        {
            // Said plainly here because an empty MQL rule would flood sales with every lead.
            var path = mql?.Condition is AnyCondition ? "/mql/condition/any" : mql?.Condition is null ? "/mql/condition" : "/mql/condition/all";
            sink.Add(path, mql?.Condition is null ? ConditionMissing : ConditionEmpty,
                "The MQL rule has no conditions, so every lead would become an MQL. Say which leads qualify, e.g. fit grade A or B and engagement score of at least 40.");
            return;
        }
        conditions.Check(mql.Condition, "/mql/condition", allowBuiltIns: true);
    }

    public static void CheckSql(ProblemSink sink, ConditionChecker conditions, IReadOnlyList<SqlCriterion>? checklist)
    {
        checklist ??= [];
        DocumentChecks.CheckCount(sink, "/sql/checklist", checklist.Count, 1, MaxSqlChecks, "SQL checks");
        DocumentChecks.CheckKeys(sink, checklist, "/sql/checklist", "id", "SQL check id", c => c.Id);
        for (var i = 0; i < checklist.Count; i++)
        {
            if (checklist[i] is not { } check)
                continue;
            DocumentChecks.CheckLabel(sink, $"/sql/checklist/{i}/label", check.Label, "SQL check");
            conditions.Check(check.Condition, $"/sql/checklist/{i}/condition", allowBuiltIns: false);
        }
    }
}
