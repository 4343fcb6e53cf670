using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Auditing;

/// <summary>Who did what, when, to which object. Append-only.</summary>
public sealed class AuditEntry : ITenantOwned, IInsertOnly
{
    public Guid TenantId { get; set; }

    /// <summary>Assigned by the database across all tenants: internal only, never shown (it would reveal others' volumes).</summary>
    public long Id { get; init; }

    /// <summary>
    /// The entry's public number: 1, 2, 3… per tenant, assigned when saved, in commit order, without gaps. It orders
    /// the tenant's log and is the id the API shows.
    /// </summary>
    public long Seq { get; set; }

    public DateTimeOffset At { get; init; }

    public required string ActorId { get; init; }

    public required string Action { get; init; }

    public required string ObjectType { get; init; }

    public required string ObjectId { get; init; }

    public string? BeforeJson { get; init; }

    public string? AfterJson { get; init; }
}
