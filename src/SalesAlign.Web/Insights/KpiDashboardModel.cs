using System.Globalization;
using SalesAlign.Contracts.Analytics;

namespace SalesAlign.Web.Insights;

/// <summary>One funnel stage of the dashboard: how many reached it, and how many would have at the agreed rate from the stage before.</summary>
public sealed record FunnelRow(string Key, string Name, int Count, ConversionKpiDto? FromPrevious, double? AtTarget);

/// <summary>One point of a series over the report's periods (weeks or months).</summary>
public sealed record PeriodPoint(string Label, double? Value);

/// <summary>
/// What the dashboard draws, derived from a <see cref="KpiReportDto"/> alone (no data access), so rendering is a pure
/// function of the report: the funnel against the targets of consecutive stages, conversion per period of one stage
/// pair against its target, service-level compliance per period, and the rejection reasons ranked.
/// </summary>
public sealed class KpiDashboardModel
{
    private readonly KpiReportDto _report;

    public KpiDashboardModel(KpiReportDto report)
    {
        _report = report;
        Funnel = [.. report.Stages.Select((stage, i) =>
        {
            var count = i < report.Total.StageCounts.Count ? report.Total.StageCounts[i] : 0;
            var fromPrevious = i == 0 ? null : Conversion(report.Total, report.Stages[i - 1].Key, stage.Key);
            double? atTarget = i > 0 && fromPrevious?.Target is { } target && i - 1 < report.Total.StageCounts.Count
                ? Math.Round(report.Total.StageCounts[i - 1] * (double)target, 1)
                : null;
            return new FunnelRow(stage.Key, stage.Name, count, fromPrevious, atTarget);
        })];
        Pairs = [.. report.Total.Conversions.Select(c => (c.From, c.To))];
    }

    public KpiReportDto Report => _report;

    public IReadOnlyList<FunnelRow> Funnel { get; }

    /// <summary>The stage pairs the report measures, in its order (consecutive stages, then MQL→opportunity and lead→customer).</summary>
    public IReadOnlyList<(string From, string To)> Pairs { get; }

    public IReadOnlyList<string> PeriodLabels => [.. _report.Periods.Select(p => PeriodLabel(p))];

    public string StageName(string key) => _report.Stages.FirstOrDefault(s => s.Key == key)?.Name ?? key;

    public string PairName((string From, string To) pair) => $"{StageName(pair.From)} → {StageName(pair.To)}";

    /// <summary>The pair's conversion rate (in %) per period; null where the period's cohort is empty.</summary>
    public IReadOnlyList<PeriodPoint> ConversionByPeriod((string From, string To) pair) =>
        [.. _report.Periods.Select(p => new PeriodPoint(PeriodLabel(p), Percent(Conversion(p, pair.From, pair.To)?.Value.Rate)))];

    /// <summary>The pair's agreed rate in %, from the playbook's targets (or the product of consecutive ones).</summary>
    public double? TargetPercent((string From, string To) pair) => Percent(Conversion(_report.Total, pair.From, pair.To)?.Target);

    public ConversionKpiDto? TotalConversion((string From, string To) pair) => Conversion(_report.Total, pair.From, pair.To);

    /// <summary>Share of due MQLs first contacted within the service level, in %, per period.</summary>
    public IReadOnlyList<PeriodPoint> ServiceLevelByPeriod =>
        [.. _report.Periods.Select(p => new PeriodPoint(PeriodLabel(p), Percent(p.ServiceLevel.Share.Rate)))];

    public ServiceLevelKpiDto ServiceLevel => _report.Total.ServiceLevel;

    public SalesCycleKpiDto SalesCycle => _report.Total.SalesCycle;

    /// <summary>Rejection reasons of the whole range, most frequent first (ties by key, so the order is stable).</summary>
    public IReadOnlyList<RejectionReasonKpiDto> Rejections =>
        [.. _report.Total.Rejections.OrderByDescending(r => r.Count).ThenBy(r => r.Reason, StringComparer.Ordinal)];

    public int RejectionTotal => _report.Total.Rejections.Sum(r => r.Count);

    public string RangeText =>
        $"{_report.From.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} – {_report.To.AddDays(-1).ToString("d MMM yyyy", CultureInfo.InvariantCulture)} ({_report.TimeZone})";

    /// <summary>The period's name; one that has not ended yet says so, so its lower figures are not read as a drop.</summary>
    public string PeriodLabel(KpiPeriodDto period) => (_report.Period == "week"
        ? period.Start.ToString("d MMM", CultureInfo.InvariantCulture)
        : period.Start.ToString("MMM yyyy", CultureInfo.InvariantCulture)) + (period.Complete ? "" : " (so far)");

    /// <summary>"24 hours", or, when the MQLs were judged by different versions' service levels, says so.</summary>
    public static string ServiceLevelText(ServiceLevelKpiDto level) => level.ServiceLevelHours is { } hours
        ? $"{hours.ToString("0.#", CultureInfo.InvariantCulture)} hours"
        : "the service level of the version in force when each became an MQL";

    public static string Rate(decimal? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "—";

    public static string Rate(RatioDto ratio) => ratio.Rate is null ? "—" : $"{Rate(ratio.Rate)} ({ratio.Converted:N0} of {ratio.Cohort:N0})";

    private static ConversionKpiDto? Conversion(KpiPeriodDto period, string from, string to) =>
        period.Conversions.FirstOrDefault(c => c.From == from && c.To == to);

    private static double? Percent(decimal? rate) => rate is { } r ? Math.Round((double)r * 100, 1) : null;
}
