namespace SalesAlign.Domain.Analytics;

/// <summary>How KPI periods are cut: ISO weeks (Monday first) or calendar months, in the tenant's time zone.</summary>
public enum KpiPeriod { Week, Month }

/// <summary>The fixed funnel every lead moves through; playbook stages map onto it by position (see decision 0020).</summary>
public enum FunnelStage { Lead, Mql, Sql, Opportunity, Customer }

/// <summary>A ratio kept exact: <see cref="Rate"/> is <c>Converted / Cohort</c> rounded half away from zero to 4 places.</summary>
public readonly record struct Ratio(int Cohort, int Converted)
{
    public decimal? Rate => Cohort == 0 ? null : Math.Round((decimal)Converted / Cohort, 4, MidpointRounding.AwayFromZero);
}

/// <summary>A conversion between two funnel stages, by cohort of the first stage, against the agreed target.</summary>
public sealed record ConversionKpi(FunnelStage From, FunnelStage To, Ratio Value, decimal? Target)
{
    /// <summary>Null when there is no rate or no target.</summary>
    public bool? MeetsTarget => Value.Rate is { } rate && Target is { } target ? rate >= target : null;
}

/// <summary>Median days from MQL to won of the deals won in a period (see decision 0020), against the target.</summary>
public sealed record SalesCycleKpi(int Deals, decimal? MedianDays, decimal? TargetDays);

/// <summary>
/// MQLs of a period whose first contact came within the hand-off service level. <see cref="Due"/> counts the MQLs
/// whose deadline has passed or that were contacted; MQLs still inside their window are <see cref="Pending"/>.
/// </summary>
/// <see cref="ServiceLevelHours"/> is the service level its MQLs were judged against, each by the version in force
/// when it became an MQL; null when those differ (see the per-version breakdown).
public sealed record ServiceLevelKpi(double? ServiceLevelHours, int Due, int WithinServiceLevel, int Pending)
{
    public Ratio Share => new(Due, WithinServiceLevel);
}

public sealed record RejectionReasonKpi(string Reason, int Count, Ratio Share);

/// <summary>The MQL-cohort figures of the leads that became MQL under one playbook version.</summary>
public sealed record VersionKpi(int? Version, int Mqls, Ratio MqlToSql, Ratio MqlToOpportunity, ServiceLevelKpi ServiceLevel);

/// <summary>All KPIs of one period, <c>[Start, End)</c> in local dates of the tenant's time zone.</summary>
public sealed record KpiPeriodReport(
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<int> StageCounts,
    IReadOnlyList<ConversionKpi> Conversions,
    SalesCycleKpi SalesCycle,
    ServiceLevelKpi ServiceLevel,
    IReadOnlyList<RejectionReasonKpi> Rejections,
    IReadOnlyList<VersionKpi> ByVersion,
    bool Complete);

/// <summary>The KPIs of a playbook between two local dates, per period and in total.</summary>
public sealed record KpiReport(
    DateOnly From,
    DateOnly To,
    KpiPeriod Period,
    string TimeZone,
    DateTimeOffset AsOf,
    IReadOnlyList<string> StageNames,
    IReadOnlyList<KpiPeriodReport> Periods,
    KpiPeriodReport Total);
