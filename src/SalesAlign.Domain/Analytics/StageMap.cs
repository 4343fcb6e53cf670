using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Domain.Analytics;

/// <summary>
/// Maps a playbook's own stages onto the fixed funnel: the first stage is Lead, the hand-off stage is MQL, and the
/// (up to) three stages after the hand-off are SQL, Opportunity and Customer. Unmapped funnel stages keep their
/// default key and name, so targets written against the default keys still apply.
/// </summary>
public sealed class StageMap
{
    private static readonly string[] DefaultKeys = ["lead", "mql", "sql", "opportunity", "customer"];
    private static readonly string[] DefaultNames = ["Lead", "MQL", "SQL", "Opportunity", "Customer"];

    private StageMap(string[] keys, string[] names)
    {
        Keys = keys;
        Names = names;
    }

    public IReadOnlyList<string> Keys { get; }

    public IReadOnlyList<string> Names { get; }

    public static StageMap Of(PlaybookDocument playbook)
    {
        var keys = (string[])DefaultKeys.Clone();
        var names = (string[])DefaultNames.Clone();
        var stages = playbook.Stages;
        if (stages.Count > 0)
        {
            keys[0] = stages[0].Key;
            names[0] = stages[0].Name;
            var handoff = -1;
            for (var i = 0; i < stages.Count; i++)
            {
                if (stages[i].Handoff)
                {
                    handoff = i;
                    break;
                }
            }
            if (handoff > 0)
            {
                for (var s = 1; s < keys.Length && handoff + s - 1 < stages.Count; s++)
                {
                    keys[s] = stages[handoff + s - 1].Key;
                    names[s] = stages[handoff + s - 1].Name;
                }
            }
        }
        return new StageMap(keys, names);
    }

    /// <summary>
    /// The agreed rate from one stage to another: the target written for exactly that pair, else the product of the
    /// consecutive targets between them when all are written (rounded to 4 places), else none.
    /// </summary>
    public decimal? TargetOf(FunnelStage from, FunnelStage to, TargetsSection targets)
    {
        if (Explicit(Keys[(int)from], Keys[(int)to], targets) is { } rate)
            return rate;
        if (to - from < 2)
            return null;
        var product = 1m;
        for (var s = (int)from; s < (int)to; s++)
        {
            if (Explicit(Keys[s], Keys[s + 1], targets) is not { } step)
                return null;
            product *= step;
        }
        return Math.Round(product, 4, MidpointRounding.AwayFromZero);
    }

    private static decimal? Explicit(string from, string to, TargetsSection targets)
    {
        foreach (var target in targets.Conversions)
        {
            if (string.Equals(target.From, from, StringComparison.Ordinal) && string.Equals(target.To, to, StringComparison.Ordinal))
                return (decimal)target.Rate;
        }
        return null;
    }
}
