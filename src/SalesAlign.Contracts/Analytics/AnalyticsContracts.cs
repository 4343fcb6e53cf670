using SalesAlign.Contracts.Scoring;

namespace SalesAlign.Contracts.Analytics;

/// <summary>An exact ratio: <c>converted</c> of <c>cohort</c>; <c>rate</c> rounded half away from zero to 4 places, null when the cohort is empty.</summary>
/// <param name="Cohort">How many leads could convert.</param>
/// <param name="Converted">How many did.</param>
/// <param name="Rate">Converted / cohort, or null when the cohort is empty.</param>
public sealed record RatioDto(int Cohort, int Converted, decimal? Rate);

/// <summary>A conversion between two funnel stages, by cohort of the first stage (decision 0020).</summary>
/// <param name="From">Funnel stage key: <c>lead</c>, <c>mql</c>, <c>sql</c>, <c>opportunity</c> or <c>customer</c>.</param>
/// <param name="To">Funnel stage key the cohort converted to.</param>
/// <param name="Value">The measured ratio.</param>
/// <param name="Target">The agreed rate from the playbook's targets (or the product of consecutive targets); null when none.</param>
/// <param name="MeetsTarget">Whether the rate reaches the target; null without a rate or a target.</param>
public sealed record ConversionKpiDto(string From, string To, RatioDto Value, decimal? Target, bool? MeetsTarget);

/// <summary>Median days from MQL to won of the deals won in the period.</summary>
/// <param name="Deals">Won deals counted.</param>
/// <param name="MedianDays">Median days from MQL to won, 2 decimals; null without deals.</param>
/// <param name="TargetDays">The playbook's target sales-cycle length.</param>
public sealed record SalesCycleKpiDto(int Deals, decimal? MedianDays, decimal? TargetDays);

/// <summary>MQLs first contacted within the hand-off service level.</summary>
/// <param name="ServiceLevelHours">The agreed hours these MQLs were judged against: each MQL by the version in force when it
/// became an MQL. Null when the MQLs counted here were judged against different service levels (see <c>byVersion</c>).</param>
/// <param name="Due">MQLs contacted, or whose deadline has passed.</param>
/// <param name="WithinServiceLevel">MQLs first contacted in time.</param>
/// <param name="Pending">MQLs not yet contacted whose deadline has not passed (not in the share).</param>
/// <param name="Share">WithinServiceLevel of Due.</param>
public sealed record ServiceLevelKpiDto(double? ServiceLevelHours, int Due, int WithinServiceLevel, int Pending, RatioDto Share);

/// <summary>One rejection reason with its count and share of the period's rejections.</summary>
/// <param name="Reason">The playbook's rejection reason key (<c>unspecified</c> when none was given).</param>
/// <param name="Count">Rejections with this reason.</param>
/// <param name="Share">Count of all rejections in the period.</param>
public sealed record RejectionReasonKpiDto(string Reason, int Count, RatioDto Share);

/// <summary>The MQL cohort of one playbook version in force.</summary>
/// <param name="Version">The version in force when the leads became MQL; null when unknown.</param>
/// <param name="Mqls">Leads that became MQL in the period under this version.</param>
/// <param name="MqlToSql">Of those, accepted by sales.</param>
/// <param name="MqlToOpportunity">Of those, turned into an opportunity.</param>
/// <param name="ServiceLevel">Of those, contacted within the service level.</param>
public sealed record VersionKpiDto(int? Version, int Mqls, RatioDto MqlToSql, RatioDto MqlToOpportunity, ServiceLevelKpiDto ServiceLevel);

/// <summary>The KPIs of one period, <c>[start, end)</c> in the tenant's local dates.</summary>
/// <param name="Start">First local date of the period.</param>
/// <param name="End">Local date after the period's last.</param>
/// <param name="StageCounts">Leads reaching each funnel stage in the period (lead, mql, sql, opportunity, customer), by the date reached.</param>
/// <param name="Conversions">Conversions between consecutive stages, MQL→opportunity and lead-to-close (lead→customer).</param>
/// <param name="SalesCycle">Median sales-cycle length.</param>
/// <param name="ServiceLevel">Share of MQLs contacted within the service level.</param>
/// <param name="Rejections">Rejection reasons, most frequent first.</param>
/// <param name="ByVersion">MQL-cohort figures per version in force.</param>
/// <param name="Complete">False while the period has not ended yet (as of the report's <c>asOf</c>): its figures are so far,
/// and its cohorts have had less time to convert.</param>
public sealed record KpiPeriodDto(
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<int> StageCounts,
    IReadOnlyList<ConversionKpiDto> Conversions,
    SalesCycleKpiDto SalesCycle,
    ServiceLevelKpiDto ServiceLevel,
    IReadOnlyList<RejectionReasonKpiDto> Rejections,
    IReadOnlyList<VersionKpiDto> ByVersion,
    bool Complete);

/// <summary>A funnel stage: its fixed key and the playbook's name for it.</summary>
/// <param name="Key">Fixed key: lead, mql, sql, opportunity, customer.</param>
/// <param name="Name">The playbook's name for the stage.</param>
public sealed record FunnelStageDto(string Key, string Name);

/// <summary>The answer of <c>GET /t/{tenant}/kpis</c>.</summary>
/// <param name="PlaybookId">The playbook whose leads were counted.</param>
/// <param name="Version">The version whose targets and service level apply (the current one).</param>
/// <param name="From">First local date.</param>
/// <param name="To">Local date after the last.</param>
/// <param name="Period"><c>week</c> or <c>month</c>.</param>
/// <param name="TimeZone">The tenant's time zone the dates are in.</param>
/// <param name="AsOf">Outcomes after this moment are ignored.</param>
/// <param name="Stages">The funnel stages, in order.</param>
/// <param name="Periods">One entry per period.</param>
/// <param name="Total">The whole range as one period.</param>
public sealed record KpiReportDto(
    Guid PlaybookId,
    int? Version,
    DateOnly From,
    DateOnly To,
    string Period,
    string TimeZone,
    DateTimeOffset AsOf,
    IReadOnlyList<FunnelStageDto> Stages,
    IReadOnlyList<KpiPeriodDto> Periods,
    KpiPeriodDto Total);

/// <summary>MQL volume of the leads created in one month, under the base version and under the draft.</summary>
/// <param name="Month">The month, <c>yyyy-MM</c>, in the tenant's time zone.</param>
/// <param name="Leads">Leads created that month.</param>
/// <param name="BaseMqls">Of those, MQL under the base version.</param>
/// <param name="DraftMqls">Of those, MQL under the draft.</param>
public sealed record ImpactMonthDto(string Month, int Leads, int BaseMqls, int DraftMqls);

/// <summary>How a group of leads actually converted.</summary>
/// <param name="Leads">Leads in the group.</param>
/// <param name="ToSql">Reached SQL.</param>
/// <param name="ToOpportunity">Reached an opportunity.</param>
/// <param name="ToWon">Were won.</param>
public sealed record ConversionHistoryDto(int Leads, RatioDto ToSql, RatioDto ToOpportunity, RatioDto ToWon);

/// <summary>One lead whose outcome would change, with both explanations.</summary>
/// <param name="LeadId">The stored lead.</param>
/// <param name="ExternalId">Its id in the sender's system.</param>
/// <param name="Changes"><c>newlyMql</c>, <c>noLongerMql</c>, <c>gradeUp</c>, <c>gradeDown</c>.</param>
/// <param name="Before">Its score under the base version.</param>
/// <param name="After">Its score under the draft.</param>
public sealed record ImpactSampleDto(Guid LeadId, string ExternalId, IReadOnlyList<string> Changes, LeadScoreDto Before, LeadScoreDto After);

/// <summary>What the draft would do to the tenant's recorded leads, compared with its base version.</summary>
/// <param name="BaseVersion">The version the draft is compared with.</param>
/// <param name="ProposalRevision">The draft revision evaluated.</param>
/// <param name="LeadDataVersion">The tenant's lead-data version evaluated.</param>
/// <param name="AsOf">Each lead is judged at its last activity, never later than this (decision 0021).</param>
/// <param name="Leads">Leads of the playbook.</param>
/// <param name="Unscorable">Leads that could not be scored under one of the two.</param>
/// <param name="BaseMqls">MQLs under the base version.</param>
/// <param name="DraftMqls">MQLs under the draft.</param>
/// <param name="Changed">Leads whose MQL status or grade changes.</param>
/// <param name="NewlyMql">Leads that would become MQL.</param>
/// <param name="NoLongerMql">Leads that would no longer be MQL.</param>
/// <param name="GradeUp">Leads whose fit grade improves.</param>
/// <param name="GradeDown">Leads whose fit grade worsens.</param>
/// <param name="Months">Projected MQL volume by the month leads were created.</param>
/// <param name="NewlyMqlHistory">How the leads that would newly become MQL actually converted.</param>
/// <param name="NoLongerMqlHistory">How the leads that would leave MQL actually converted.</param>
/// <param name="Sample">A few changed leads of each kind, explained.</param>
/// <param name="ComputeMilliseconds">Time spent computing (0 when served from the cache).</param>
public sealed record ImpactReportDto(
    int BaseVersion,
    int ProposalRevision,
    long LeadDataVersion,
    DateTimeOffset AsOf,
    int Leads,
    int Unscorable,
    int BaseMqls,
    int DraftMqls,
    int Changed,
    int NewlyMql,
    int NoLongerMql,
    int GradeUp,
    int GradeDown,
    IReadOnlyList<ImpactMonthDto> Months,
    ConversionHistoryDto NewlyMqlHistory,
    ConversionHistoryDto NoLongerMqlHistory,
    IReadOnlyList<ImpactSampleDto> Sample,
    long ComputeMilliseconds);

/// <summary>
/// The answer of <c>GET /t/{tenant}/proposals/{proposalId}/impact</c>: <c>200</c> with <c>status = ready</c> and the
/// report, or <c>202</c> with <c>status = computing</c> and progress while a large tenant's preview is computed in the
/// background (ask again; <c>impactProgress</c> events tell when).
/// </summary>
/// <param name="Status"><c>ready</c>, <c>computing</c> or <c>failed</c>.</param>
/// <param name="Processed">Leads evaluated so far.</param>
/// <param name="Total">Leads to evaluate.</param>
/// <param name="Report">The report, when ready.</param>
/// <param name="Error">Why the computation failed, when it did.</param>
public sealed record ProposalImpactDto(string Status, int Processed, int Total, ImpactReportDto? Report, string? Error = null);
