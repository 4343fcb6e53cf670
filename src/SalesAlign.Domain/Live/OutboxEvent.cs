using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Live;

/// <summary>
/// One committed change waiting to leave the system (hub, webhooks), written in the same transaction as the
/// change. <see cref="Seq"/> is assigned at save time from <see cref="TenantEventCounter"/>, so it has no gaps
/// per tenant; the claim columns let several dispatcher instances share the table without double delivery.
/// </summary>
public sealed class OutboxEvent : ITenantOwned
{
    public Guid Id { get; init; }

    public Guid TenantId { get; set; }

    /// <summary>0 until saved; then the tenant's next sequence number.</summary>
    public long Seq { get; set; }

    public required string Type { get; init; }

    public DateTimeOffset At { get; init; }

    public required string ActorId { get; init; }

    public string? ObjectId { get; init; }

    public int? Revision { get; init; }

    public string? DataJson { get; init; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }
}

/// <summary>
/// The next <see cref="OutboxEvent.Seq"/> and audit entry number of one tenant. Its row lock serializes a tenant's
/// event and audit writers.
/// </summary>
public sealed class TenantEventCounter : ITenantOwned
{
    public Guid TenantId { get; set; }

    public long NextSeq { get; set; }

    public long NextAuditSeq { get; set; } = 1;
}
