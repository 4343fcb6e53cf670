using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Domain.Analytics;

/// <summary>
/// Computes a playbook's KPIs from its leads' funnels. The attribution rules (decision 0020): stage counts by the
/// date each stage was reached; conversion rates and the service level by cohort of the first stage's date;
/// sales-cycle length by the date the deal was won; rejections by the date of the rejection. Dates are local
/// dates in the tenant's time zone; anything that happened after <c>asOf</c> is ignored, so a report is
/// reproducible. Rates are exact ratios rounded half away from zero to 4 places. Each MQL is judged against the
/// service level of the version in force when it became an MQL (<c>serviceLevelHoursByVersion</c>; the current
/// playbook's when unknown), never against today's. A period that has not ended by <c>asOf</c> is marked incomplete.
/// </summary>
public static class KpiCalculator
{
    public const string UnspecifiedReason = "unspecified";

    private static readonly (FunnelStage From, FunnelStage To)[] ConversionPairs =
    [
        (FunnelStage.Lead, FunnelStage.Mql),
        (FunnelStage.Mql, FunnelStage.Sql),
        (FunnelStage.Sql, FunnelStage.Opportunity),
        (FunnelStage.Opportunity, FunnelStage.Customer),
        (FunnelStage.Mql, FunnelStage.Opportunity),
        (FunnelStage.Lead, FunnelStage.Customer),
    ];

    public static KpiReport Calculate(
        IReadOnlyList<LeadFunnel> leads, PlaybookDocument playbook, KpiPeriod period,
        DateOnly from, DateOnly to, TimeZoneInfo timeZone, DateTimeOffset asOf,
        IReadOnlyDictionary<int, double>? serviceLevelHoursByVersion = null)
    {
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(timeZone);
        if (from >= to)
            throw new ArgumentException("'from' must be before 'to'.", nameof(from));

        var starts = PeriodStarts(period, from, to);
        var accumulators = new Accumulator[starts.Length + 1];
        for (var i = 0; i < accumulators.Length; i++)
            accumulators[i] = new Accumulator();
        var total = accumulators[^1];
        var currentHours = playbook.Handoff.ServiceLevelHours;
        var clock = new LocalClock(timeZone, starts, to, asOf);

        foreach (var lead in leads)
        {
            var moments = StageMoments(lead);
            for (var s = 0; s < moments.Length; s++)
            {
                if (clock.PeriodOf(moments[s]) is var p and >= 0)
                {
                    accumulators[p].StageCounts[s]++;
                    total.StageCounts[s]++;
                }
            }

            for (var c = 0; c < ConversionPairs.Length; c++)
            {
                var (fromStage, toStage) = ConversionPairs[c];
                if (clock.PeriodOf(moments[(int)fromStage]) is not (var p and >= 0))
                    continue;
                var converted = clock.Reached(moments[(int)toStage]);
                accumulators[p].AddConversion(c, converted);
                total.AddConversion(c, converted);
            }

            if (clock.PeriodOf(lead.MqlAt) is var mqlPeriod and >= 0)
            {
                var hours = lead.MqlVersion is { } v && serviceLevelHoursByVersion?.TryGetValue(v, out var h) == true ? h : currentHours;
                var contact = ServiceLevelState(lead, TimeSpan.FromHours(hours), clock);
                var reachedSql = clock.Reached(lead.SqlAt);
                var reachedOpportunity = clock.Reached(lead.OpportunityAt);
                accumulators[mqlPeriod].AddMql(lead.MqlVersion, hours, contact, reachedSql, reachedOpportunity);
                total.AddMql(lead.MqlVersion, hours, contact, reachedSql, reachedOpportunity);
            }

            if (lead.MqlAt is { } mqlAt && clock.Reached(lead.MqlAt) && clock.PeriodOf(lead.WonAt) is var wonPeriod and >= 0)
            {
                var ticks = lead.WonAt!.Value.UtcTicks - mqlAt.UtcTicks;
                accumulators[wonPeriod].CycleTicks.Add(ticks);
                total.CycleTicks.Add(ticks);
            }

            if (clock.PeriodOf(lead.RejectedAt) is var rejectedPeriod and >= 0)
            {
                var reason = string.IsNullOrEmpty(lead.RejectionReason) ? UnspecifiedReason : lead.RejectionReason;
                accumulators[rejectedPeriod].AddRejection(reason);
                total.AddRejection(reason);
            }
        }

        var stages = StageMap.Of(playbook);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(asOf, timeZone).DateTime);
        var periods = new KpiPeriodReport[starts.Length];
        for (var i = 0; i < starts.Length; i++)
        {
            var end = i + 1 < starts.Length ? starts[i + 1] : to;
            periods[i] = accumulators[i].ToReport(starts[i], end, end <= today, stages, playbook);
        }

        return new KpiReport(from, to, period, timeZone.Id, asOf, stages.Names, periods, total.ToReport(from, to, to <= today, stages, playbook));
    }

    /// <summary>Median of MQL→won durations in days, exact, rounded half away from zero to 2 places.</summary>
    internal static decimal? MedianDays(List<long> ticks)
    {
        if (ticks.Count == 0)
            return null;
        ticks.Sort();
        var middle = ticks.Count / 2;
        var median = ticks.Count % 2 == 1
            ? ticks[middle]
            : ((decimal)ticks[middle - 1] + ticks[middle]) / 2;
        return Math.Round((decimal)median / TimeSpan.TicksPerDay, 2, MidpointRounding.AwayFromZero);
    }

    private static DateOnly[] PeriodStarts(KpiPeriod period, DateOnly from, DateOnly to)
    {
        var starts = new List<DateOnly> { from };
        var next = period switch
        {
            KpiPeriod.Week => from.AddDays(-(((int)from.DayOfWeek + 6) % 7)).AddDays(7),
            KpiPeriod.Month => new DateOnly(from.Year, from.Month, 1).AddMonths(1),
            _ => throw new ArgumentOutOfRangeException(nameof(period)),
        };
        while (next < to)
        {
            starts.Add(next);
            next = period == KpiPeriod.Week ? next.AddDays(7) : next.AddMonths(1);
        }
        return [.. starts];
    }

    private static DateTimeOffset?[] StageMoments(LeadFunnel lead) =>
        [lead.CreatedAt, lead.MqlAt, lead.SqlAt, lead.OpportunityAt, lead.WonAt];

    /// <summary>
    /// First contact is the earliest of the reported first contact, the acceptance and the rejection: sales cannot
    /// accept or reject a lead without having dealt with it.
    /// </summary>
    private static ContactState ServiceLevelState(LeadFunnel lead, TimeSpan sla, LocalClock clock)
    {
        DateTimeOffset? first = null;
        foreach (var moment in (ReadOnlySpan<DateTimeOffset?>)[lead.FirstContactAt, lead.SqlAt, lead.RejectedAt])
        {
            if (clock.Reached(moment) && (first is null || moment!.Value < first))
                first = moment;
        }
        var deadline = lead.MqlAt!.Value + sla;
        if (first is { } contact)
            return contact <= deadline ? ContactState.Within : ContactState.Late;
        return deadline <= clock.AsOf ? ContactState.Late : ContactState.Pending;
    }

    private enum ContactState { Within, Late, Pending }

    private readonly struct LocalClock(TimeZoneInfo timeZone, DateOnly[] starts, DateOnly to, DateTimeOffset asOf)
    {
        public DateTimeOffset AsOf => asOf;

        public bool Reached(DateTimeOffset? moment) => moment is { } m && m <= asOf;

        /// <summary>The index of the period the moment's local date falls in, or -1 outside [from, to) or after asOf.</summary>
        public int PeriodOf(DateTimeOffset? moment)
        {
            if (!Reached(moment))
                return -1;
            var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment!.Value, timeZone).DateTime);
            if (date < starts[0] || date >= to)
                return -1;
            var index = Array.BinarySearch(starts, date);
            return index >= 0 ? index : ~index - 1;
        }
    }

    private sealed class Accumulator
    {
        public readonly int[] StageCounts = new int[5];
        public readonly int[] Cohorts = new int[ConversionPairs.Length];
        public readonly int[] Converted = new int[ConversionPairs.Length];
        public readonly List<long> CycleTicks = [];
        public readonly SortedDictionary<int, VersionAccumulator> Versions = [];
        public VersionAccumulator? Unversioned;
        public readonly VersionAccumulator Mqls = new();
        public readonly Dictionary<string, int> Rejections = new(StringComparer.Ordinal);
        public int RejectionCount;

        public void AddConversion(int pair, bool converted)
        {
            Cohorts[pair]++;
            if (converted)
                Converted[pair]++;
        }

        public void AddMql(int? version, double hours, ContactState contact, bool reachedSql, bool reachedOpportunity)
        {
            Mqls.Add(hours, contact, reachedSql, reachedOpportunity);
            VersionAccumulator accumulator;
            if (version is { } v)
            {
                if (!Versions.TryGetValue(v, out accumulator!))
                    Versions[v] = accumulator = new VersionAccumulator();
            }
            else
            {
                accumulator = Unversioned ??= new VersionAccumulator();
            }
            accumulator.Add(hours, contact, reachedSql, reachedOpportunity);
        }

        public void AddRejection(string reason)
        {
            RejectionCount++;
            Rejections[reason] = Rejections.GetValueOrDefault(reason) + 1;
        }

        public KpiPeriodReport ToReport(DateOnly start, DateOnly end, bool complete, StageMap stages, PlaybookDocument playbook)
        {
            var conversions = new ConversionKpi[ConversionPairs.Length];
            for (var c = 0; c < ConversionPairs.Length; c++)
            {
                var (from, to) = ConversionPairs[c];
                conversions[c] = new ConversionKpi(from, to, new Ratio(Cohorts[c], Converted[c]), stages.TargetOf(from, to, playbook.Targets));
            }

            var target = playbook.Targets.SalesCycleDays is { } days ? (decimal)days : (decimal?)null;
            var rejections = Rejections
                .OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new RejectionReasonKpi(r.Key, r.Value, new Ratio(RejectionCount, r.Value)))
                .ToArray();
            var current = playbook.Handoff.ServiceLevelHours;
            var versions = Versions.Select(v => v.Value.ToKpi(v.Key, current)).ToList();
            if (Unversioned is not null)
                versions.Add(Unversioned.ToKpi(null, current));

            return new KpiPeriodReport(start, end, [.. StageCounts], conversions,
                new SalesCycleKpi(CycleTicks.Count, MedianDays(CycleTicks), target),
                Mqls.ServiceLevel(current), rejections, versions, complete);
        }
    }

    private sealed class VersionAccumulator
    {
        private int _mqls, _sql, _opportunity, _due, _within, _pending;
        private double? _hours;
        private bool _mixed;

        public void Add(double hours, ContactState contact, bool reachedSql, bool reachedOpportunity)
        {
            if (_hours is null)
                _hours = hours;
            else if (_hours != hours)
                _mixed = true;
            _mqls++;
            if (reachedSql)
                _sql++;
            if (reachedOpportunity)
                _opportunity++;
            switch (contact)
            {
                case ContactState.Within:
                    _due++;
                    _within++;
                    break;
                case ContactState.Late:
                    _due++;
                    break;
                default:
                    _pending++;
                    break;
            }
        }

        /// <summary>The hours its MQLs were judged against; null when they were judged against different ones.</summary>
        public ServiceLevelKpi ServiceLevel(double whenEmpty) => new(_mixed ? null : _hours ?? whenEmpty, _due, _within, _pending);

        public VersionKpi ToKpi(int? version, double whenEmpty) =>
            new(version, _mqls, new Ratio(_mqls, _sql), new Ratio(_mqls, _opportunity), ServiceLevel(whenEmpty));
    }
}
