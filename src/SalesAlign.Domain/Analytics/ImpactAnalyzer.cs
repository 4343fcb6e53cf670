using System.Collections.Concurrent;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Domain.Analytics;

/// <summary>
/// Evaluates every lead under a base version and a draft and reports what would change (decision 0021). The hot loop
/// is two allocation-free <see cref="CompiledPlaybook.Evaluate"/> calls per lead over ranges run in parallel, each
/// range with its own counters, merged at the end; explanations are built for the sample only.
/// </summary>
public static class ImpactAnalyzer
{
    private const int Sql = 0, Opportunity = 1, Won = 2;

    public static ImpactReport Analyze(ImpactInput input, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var count = input.Funnels.Length;
        if (input.BaseLeads.Length != count || input.DraftLeads.Length != count)
            throw new ArgumentException("Bound leads and funnels must be index-aligned.", nameof(input));
        if (input.Months is < 1 or > 60)
            throw new ArgumentOutOfRangeException(nameof(input), "Months must be between 1 and 60.");

        var context = new Context(input);
        if (count == 0)
            return Merge(context, []);
        var parts = new ConcurrentBag<Accumulator>();
        var processed = 0;
        var rangeSize = Math.Max(1024, count / (Environment.ProcessorCount * 4) + 1);
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.ForEach(
            Partitioner.Create(0, count, rangeSize),
            options,
            () => new Accumulator(context),
            (range, _, accumulator) =>
            {
                accumulator.Run(range.Item1, range.Item2);
                if (progress is not null)
                    progress(Interlocked.Add(ref processed, range.Item2 - range.Item1));
                return accumulator;
            },
            parts.Add);

        return Merge(context, [.. parts]);
    }

    /// <summary>
    /// The moment a lead is judged at: its last activity (latest engagement event, or its creation), never later than
    /// the as-of moment. Judging every lead as of today would let engagement decay erase older leads under both
    /// versions, and the monthly projection would be meaningless (decision 0021).
    /// </summary>
    internal static long ScoreMomentTicks(BoundLead lead, long createdTicks, long asOfTicks)
    {
        var latest = createdTicks;
        var ticks = lead.EventTicks;
        for (var e = 0; e < ticks.Length; e++)
        {
            if (ticks[e] > latest)
                latest = ticks[e];
        }
        return latest < asOfTicks ? latest : asOfTicks;
    }

    private static ImpactReport Merge(Context context, Accumulator[] parts)
    {
        var total = new Accumulator(context);
        var candidates = new List<int>[4];
        for (var c = 0; c < candidates.Length; c++)
            candidates[c] = [];
        foreach (var part in parts)
        {
            total.Add(part);
            for (var c = 0; c < candidates.Length; c++)
                candidates[c].AddRange(part.Samples[c]);
        }

        var sampled = new SortedSet<int>();
        foreach (var list in candidates)
        {
            list.Sort();
            for (var i = 0; i < list.Count && i < context.Input.SamplePerChange; i++)
                sampled.Add(list[i]);
        }

        var input = context.Input;
        var sample = new List<ImpactSample>(sampled.Count);
        foreach (var index in sampled)
        {
            var b = input.BaseLeads[index]!;
            var d = input.DraftLeads[index]!;
            var at = new DateTimeOffset(ScoreMomentTicks(b, input.Funnels[index].CreatedAt.UtcTicks, input.AsOf.UtcTicks), TimeSpan.Zero);
            var before = input.Base.Explain(b, at);
            var after = input.Draft.Explain(d, at);
            var changes = new List<ImpactChange>(2);
            if (!before.IsMql && after.IsMql)
                changes.Add(ImpactChange.NewlyMql);
            if (before.IsMql && !after.IsMql)
                changes.Add(ImpactChange.NoLongerMql);
            var rankBefore = context.GradeRank(before.FitGrade);
            var rankAfter = context.GradeRank(after.FitGrade);
            if (rankAfter < rankBefore)
                changes.Add(ImpactChange.GradeUp);
            if (rankAfter > rankBefore)
                changes.Add(ImpactChange.GradeDown);
            sample.Add(new ImpactSample(index, changes, at.ToOffset(input.AsOf.Offset), before, after));
        }

        var months = new ImpactMonth[context.MonthStarts.Length];
        for (var m = 0; m < months.Length; m++)
        {
            var start = context.MonthStarts[m];
            months[m] = new ImpactMonth(start.Year, start.Month, total.MonthLeads[m], total.MonthBase[m], total.MonthDraft[m]);
        }

        return new ImpactReport(
            input.AsOf, input.Funnels.Length, total.Unscorable, total.BaseMqls, total.DraftMqls, total.Changed,
            total.NewlyMql, total.NoLongerMql, total.GradeUp, total.GradeDown, months,
            History(total.NewlyMql, total.EnteredHistory), History(total.NoLongerMql, total.LeftHistory), sample);
    }

    private static ConversionHistory History(int leads, int[] reached) =>
        new(leads, new Ratio(leads, reached[Sql]), new Ratio(leads, reached[Opportunity]), new Ratio(leads, reached[Won]));

    /// <summary>Read-only facts shared by every range: grade ranks and month boundaries in UTC ticks.</summary>
    private sealed class Context
    {
        private readonly Dictionary<string, int> _rankByGrade;

        public Context(ImpactInput input)
        {
            Input = input;
            var grades = input.Base.Document.Icp.GradeBands.Select(b => b.Grade)
                .Concat(input.Draft.Document.Icp.GradeBands.Select(b => b.Grade))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            _rankByGrade = grades.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
            BaseRanks = input.Base.Document.Icp.GradeBands.Select(b => _rankByGrade[b.Grade]).ToArray();
            DraftRanks = input.Draft.Document.Icp.GradeBands.Select(b => _rankByGrade[b.Grade]).ToArray();

            var local = TimeZoneInfo.ConvertTime(input.AsOf, input.TimeZone);
            var first = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1 - input.Months);
            MonthStarts = new DateTime[input.Months];
            MonthStartTicks = new long[input.Months + 1];
            for (var m = 0; m <= input.Months; m++)
            {
                var start = first.AddMonths(m);
                if (m < input.Months)
                    MonthStarts[m] = start;
                MonthStartTicks[m] = new DateTimeOffset(start, input.TimeZone.GetUtcOffset(start)).UtcTicks;
            }
        }

        public ImpactInput Input { get; }

        /// <summary>Grades ranked by name (A best), so a draft that renames or adds bands still compares.</summary>
        public int[] BaseRanks { get; }

        public int[] DraftRanks { get; }

        public DateTime[] MonthStarts { get; }

        public long[] MonthStartTicks { get; }

        public int GradeRank(string grade) => _rankByGrade[grade];
    }

    private sealed class Accumulator(Context context)
    {
        public int Unscorable, BaseMqls, DraftMqls, Changed, NewlyMql, NoLongerMql, GradeUp, GradeDown;
        public readonly int[] MonthLeads = new int[context.MonthStarts.Length];
        public readonly int[] MonthBase = new int[context.MonthStarts.Length];
        public readonly int[] MonthDraft = new int[context.MonthStarts.Length];
        public readonly int[] EnteredHistory = new int[3];
        public readonly int[] LeftHistory = new int[3];
        public readonly List<int>[] Samples = [[], [], [], []];

        public void Run(int from, int to)
        {
            var input = context.Input;
            var basePlaybook = input.Base;
            var draftPlaybook = input.Draft;
            var baseLeads = input.BaseLeads;
            var draftLeads = input.DraftLeads;
            var funnels = input.Funnels;
            var asOfTicks = input.AsOf.UtcTicks;
            var baseRanks = context.BaseRanks;
            var draftRanks = context.DraftRanks;
            var monthTicks = context.MonthStartTicks;
            var perChange = input.SamplePerChange;

            for (var i = from; i < to; i++)
            {
                var b = baseLeads[i];
                var d = draftLeads[i];
                if (b is null || d is null)
                {
                    Unscorable++;
                    continue;
                }

                var funnel = funnels[i];
                var createdTicks = funnel.CreatedAt.UtcTicks;
                var at = new DateTimeOffset(ScoreMomentTicks(b, createdTicks, asOfTicks), TimeSpan.Zero);
                var before = basePlaybook.Evaluate(b, at);
                var after = draftPlaybook.Evaluate(d, at);

                if (before.IsMql)
                    BaseMqls++;
                if (after.IsMql)
                    DraftMqls++;

                if (createdTicks >= monthTicks[0] && createdTicks < monthTicks[^1])
                {
                    var m = monthTicks.Length - 2;
                    while (createdTicks < monthTicks[m])
                        m--;
                    MonthLeads[m]++;
                    if (before.IsMql)
                        MonthBase[m]++;
                    if (after.IsMql)
                        MonthDraft[m]++;
                }

                var rankBefore = baseRanks[before.GradeIndex];
                var rankAfter = draftRanks[after.GradeIndex];
                if (before.IsMql == after.IsMql && rankBefore == rankAfter)
                    continue;

                Changed++;
                if (after.IsMql && !before.IsMql)
                {
                    NewlyMql++;
                    Count(EnteredHistory, funnel, asOfTicks);
                    Sample(0, i, perChange);
                }
                else if (before.IsMql && !after.IsMql)
                {
                    NoLongerMql++;
                    Count(LeftHistory, funnel, asOfTicks);
                    Sample(1, i, perChange);
                }
                if (rankAfter < rankBefore)
                {
                    GradeUp++;
                    Sample(2, i, perChange);
                }
                else if (rankAfter > rankBefore)
                {
                    GradeDown++;
                    Sample(3, i, perChange);
                }
            }
        }

        /// <summary>Ranges run in index order within a worker, so the first few per range are the lowest indices.</summary>
        private void Sample(int change, int index, int perChange)
        {
            var list = Samples[change];
            if (list.Count < perChange || index < list[^1])
            {
                if (list.Count >= perChange)
                    list.RemoveAt(list.Count - 1);
                var at = list.Count;
                while (at > 0 && list[at - 1] > index)
                    at--;
                list.Insert(at, index);
            }
        }

        private static void Count(int[] history, LeadFunnel funnel, long asOfTicks)
        {
            if (funnel.SqlAt is { } sql && sql.UtcTicks <= asOfTicks)
                history[Sql]++;
            if (funnel.OpportunityAt is { } opportunity && opportunity.UtcTicks <= asOfTicks)
                history[Opportunity]++;
            if (funnel.WonAt is { } won && won.UtcTicks <= asOfTicks)
                history[Won]++;
        }

        public void Add(Accumulator other)
        {
            Unscorable += other.Unscorable;
            BaseMqls += other.BaseMqls;
            DraftMqls += other.DraftMqls;
            Changed += other.Changed;
            NewlyMql += other.NewlyMql;
            NoLongerMql += other.NoLongerMql;
            GradeUp += other.GradeUp;
            GradeDown += other.GradeDown;
            for (var m = 0; m < MonthLeads.Length; m++)
            {
                MonthLeads[m] += other.MonthLeads[m];
                MonthBase[m] += other.MonthBase[m];
                MonthDraft[m] += other.MonthDraft[m];
            }
            for (var h = 0; h < 3; h++)
            {
                EnteredHistory[h] += other.EnteredHistory[h];
                LeftHistory[h] += other.LeftHistory[h];
            }
        }
    }
}
