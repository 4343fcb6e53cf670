using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Leads;

/// <summary>
/// A per-tenant counter bumped in the same transaction as every write to leads or outcomes (batch, import,
/// outcome, seed). Anything computed from a tenant's lead data (impact previews, KPIs) can key its cache by it:
/// same number, same data.
/// </summary>
public sealed class LeadDataVersion : ITenantOwned
{
    public Guid TenantId { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// A replayable answer to a request sent with an <c>Idempotency-Key</c>: the same key with the same body gets the
/// same answer again; the same key with another body is refused.
/// </summary>
public sealed class IdempotentRequest : ITenantOwned
{
    public const int MaxKeyLength = 200;

    public Guid TenantId { get; set; }

    public required string Key { get; set; }

    /// <summary>The operation the key was used for (e.g. <c>leads:batch</c>).</summary>
    public required string Operation { get; set; }

    /// <summary>SHA-256 (hex) of the request body and the parameters that shape its meaning.</summary>
    public required string RequestHash { get; set; }

    public int StatusCode { get; set; }

    public required string ResponseJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum RescoreJobStatus { Pending, Running, Completed, Failed }

/// <summary>
/// Re-score a playbook's stored leads under a newly published version, in the background. Written in the publish
/// transaction, so a version is never published without its job, and a restart resumes where it was.
/// </summary>
public sealed class LeadRescoreJob : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid PlaybookId { get; set; }

    public int Version { get; set; }

    public RescoreJobStatus Status { get; set; }

    public int Total { get; set; }

    public int Processed { get; set; }

    public int Changed { get; set; }

    /// <summary>The id of the last lead processed: leads are walked in id order, so a restarted job continues after it.</summary>
    public Guid? LastLeadId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Error { get; set; }
}
