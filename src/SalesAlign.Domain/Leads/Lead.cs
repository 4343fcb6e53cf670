using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Leads;

/// <summary>
/// A lead a tenant sent in, keyed by its id in the sender's system (<see cref="ExternalId"/>, unique per tenant).
/// Field values and engagement events are stored compactly (<see cref="LeadPayload"/>), so reading 100,000
/// leads is one column each, not a join. The funnel columns are a projection of the lead's outcomes, kept
/// on the row so KPIs and impact previews read them without touching the outcome history.
/// </summary>
public sealed class Lead : ITenantOwned
{
    public const int MaxExternalIdLength = 200;

    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public required string ExternalId { get; set; }

    /// <summary>The playbook whose vocabulary the lead was last written under; it scores and routes the lead.</summary>
    public Guid PlaybookId { get; set; }

    /// <summary>Field values as one JSON object (keys are the playbook's field keys); see <see cref="LeadPayload"/>.</summary>
    public required string FieldsJson { get; set; }

    /// <summary>Engagement events as one compact JSON array; see <see cref="LeadPayload"/>.</summary>
    public required string EventsJson { get; set; }

    public int EventCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic-concurrency token, sent as the ETag; incremented on every change.</summary>
    public int Revision { get; set; }

    public DateTimeOffset? MqlAt { get; set; }

    /// <summary>The version (of <see cref="MqlPlaybookId"/>) in force when the lead became an MQL.</summary>
    public int? MqlVersion { get; set; }

    public Guid? MqlPlaybookId { get; set; }

    public DateTimeOffset? FirstContactAt { get; set; }

    public DateTimeOffset? SqlAt { get; set; }

    public DateTimeOffset? RejectedAt { get; set; }

    public string? RejectionReason { get; set; }

    public DateTimeOffset? OpportunityAt { get; set; }

    public DateTimeOffset? WonAt { get; set; }

    public DateTimeOffset? LostAt { get; set; }

    public decimal? Amount { get; set; }

    public LeadFunnel ToFunnel() =>
        new(CreatedAt, MqlAt, MqlVersion, FirstContactAt, SqlAt, RejectedAt, RejectionReason, OpportunityAt, WonAt, LostAt, Amount);
}

/// <summary>One thing reported about a lead, kept for ever: the history the funnel columns are projected from.</summary>
public sealed class LeadOutcome : ITenantOwned, IInsertOnly
{
    public const int MaxReasonLength = 200;

    public Guid TenantId { get; set; }

    public Guid Id { get; init; }

    public Guid LeadId { get; init; }

    public LeadOutcomeKind Kind { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The rejection reason (one of the playbook's), for <see cref="LeadOutcomeKind.Rejected"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>The amount, for opportunities and won/lost.</summary>
    public decimal? Amount { get; init; }

    /// <summary>The playbook and version in force when the lead became an MQL (null while it never was one).</summary>
    public Guid? MqlPlaybookId { get; init; }

    public int? MqlVersion { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}
