using SalesAlign.Contracts.Analytics;
using SalesAlign.Domain.Analytics;

namespace SalesAlign.Application.Features.Analytics;

internal static class AnalyticsMapping
{
    public static readonly string[] StageKeys = ["lead", "mql", "sql", "opportunity", "customer"];

    public static RatioDto ToDto(this Ratio ratio) => new(ratio.Cohort, ratio.Converted, ratio.Rate);

    public static string Key(this FunnelStage stage) => StageKeys[(int)stage];

    public static ServiceLevelKpiDto ToDto(this ServiceLevelKpi kpi) =>
        new(kpi.ServiceLevelHours, kpi.Due, kpi.WithinServiceLevel, kpi.Pending, kpi.Share.ToDto());

    public static KpiPeriodDto ToDto(this KpiPeriodReport period) => new(
        period.Start,
        period.End,
        period.StageCounts,
        [.. period.Conversions.Select(c => new ConversionKpiDto(c.From.Key(), c.To.Key(), c.Value.ToDto(), c.Target, c.MeetsTarget))],
        new SalesCycleKpiDto(period.SalesCycle.Deals, period.SalesCycle.MedianDays, period.SalesCycle.TargetDays),
        period.ServiceLevel.ToDto(),
        [.. period.Rejections.Select(r => new RejectionReasonKpiDto(r.Reason, r.Count, r.Share.ToDto()))],
        [.. period.ByVersion.Select(v => new VersionKpiDto(v.Version, v.Mqls, v.MqlToSql.ToDto(), v.MqlToOpportunity.ToDto(), v.ServiceLevel.ToDto()))],
        period.Complete);

    /// <summary>The tenant's IANA time zone; UTC if the machine does not know it (never a 500 over a zone name).</summary>
    public static TimeZoneInfo TimeZoneOf(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
