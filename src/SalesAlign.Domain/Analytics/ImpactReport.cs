using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Domain.Analytics;

/// <summary>
/// What the impact analyzer needs: both playbooks compiled, every lead bound to each (the same array when both
/// documents have the same <see cref="LeadBinding.ShapeOf"/>; null where a lead cannot be bound), and each lead's
/// funnel, all index-aligned.
/// </summary>
public sealed record ImpactInput(
    CompiledPlaybook Base,
    BoundLead?[] BaseLeads,
    CompiledPlaybook Draft,
    BoundLead?[] DraftLeads,
    LeadFunnel[] Funnels,
    DateTimeOffset AsOf,
    TimeZoneInfo TimeZone)
{
    /// <summary>How many calendar months (ending with the month of <see cref="AsOf"/>) the MQL volume covers.</summary>
    public int Months { get; init; } = 6;

    /// <summary>How many leads of each kind of change are explained in the sample.</summary>
    public int SamplePerChange { get; init; } = 5;
}

public enum ImpactChange { NewlyMql, NoLongerMql, GradeUp, GradeDown }

/// <summary>MQL volume of the leads created in one local calendar month, under the base and under the draft.</summary>
public sealed record ImpactMonth(int Year, int Month, int Leads, int BaseMqls, int DraftMqls);

/// <summary>How a group of leads actually converted (by <c>asOf</c>): to SQL, to an opportunity, to won.</summary>
public sealed record ConversionHistory(int Leads, Ratio ToSql, Ratio ToOpportunity, Ratio ToWon);

/// <summary>One changed lead (by its index in the input) with both explanations.</summary>
public sealed record ImpactSample(int LeadIndex, IReadOnlyList<ImpactChange> Changes, DateTimeOffset ScoredAt, LeadScore Before, LeadScore After);

/// <summary>What a draft would do to the tenant's leads compared with its base version (decision 0021).</summary>
public sealed record ImpactReport(
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
    IReadOnlyList<ImpactMonth> Months,
    ConversionHistory NewlyMqlHistory,
    ConversionHistory NoLongerMqlHistory,
    IReadOnlyList<ImpactSample> Sample);
