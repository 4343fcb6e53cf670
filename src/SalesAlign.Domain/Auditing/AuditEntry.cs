using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Auditing;

/// <summary>Who did what, when, to which object. Append-only.</summary>
public sealed class AuditEntry : ITenantOwned, IInsertOnly
{
    public Guid TenantId { get; set; }

    /// <summary>Assigned by the database; increases in insertion order, so it orders a tenant's log.</summary>
    public long Id { get; init; }

    public DateTimeOffset At { get; init; }

    public required string ActorId { get; init; }

    public required string Action { get; init; }

    public required string ObjectType { get; init; }

    public required string ObjectId { get; init; }

    public string? BeforeJson { get; init; }

    public string? AfterJson { get; init; }
}
