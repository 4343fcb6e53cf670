namespace SalesAlign.Domain.Leads;

/// <summary>
/// Where one lead got to in the funnel, and when: the facts that KPIs and impact previews are computed from.
/// Projected from a stored lead's outcomes; a null moment means the lead has not reached that point.
/// </summary>
/// <param name="CreatedAt">When the lead first arrived.</param>
/// <param name="MqlAt">When it became a marketing-qualified lead.</param>
/// <param name="MqlVersion">The playbook version in force when it became an MQL.</param>
/// <param name="FirstContactAt">When sales first contacted it (measured against the hand-off service level).</param>
/// <param name="SqlAt">When sales accepted it (SQL).</param>
/// <param name="RejectedAt">When sales rejected it (it went back to marketing nurture).</param>
/// <param name="RejectionReason">One of the playbook's rejection reasons, when rejected.</param>
/// <param name="OpportunityAt">When an opportunity was created.</param>
/// <param name="WonAt">When it was won (became a customer).</param>
/// <param name="LostAt">When it was lost.</param>
/// <param name="Amount">The amount won or lost.</param>
public sealed record LeadFunnel(
    DateTimeOffset CreatedAt,
    DateTimeOffset? MqlAt = null,
    int? MqlVersion = null,
    DateTimeOffset? FirstContactAt = null,
    DateTimeOffset? SqlAt = null,
    DateTimeOffset? RejectedAt = null,
    string? RejectionReason = null,
    DateTimeOffset? OpportunityAt = null,
    DateTimeOffset? WonAt = null,
    DateTimeOffset? LostAt = null,
    decimal? Amount = null);

/// <summary>What sales (or the marketing system) reports about a lead over time.</summary>
public enum LeadOutcomeKind
{
    MqlReached,
    FirstContact,
    SqlAccepted,
    Rejected,
    OpportunityCreated,
    Won,
    Lost,
}
