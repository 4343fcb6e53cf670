using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Playbooks;

/// <summary>A named qualification agreement inside a tenant; its content lives in its versions.</summary>
public sealed class Playbook : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public required string Name { get; set; }

    public int? CurrentVersionNumber { get; set; }

    /// <summary>Optimistic-concurrency token, sent as the ETag; persistence increments it on every update.</summary>
    public int Revision { get; set; }
}

/// <summary>An immutable published document. Rolling back publishes a new version equal to an old one.</summary>
public sealed class PlaybookVersion : ITenantOwned, IInsertOnly
{
    public Guid TenantId { get; set; }

    public Guid PlaybookId { get; init; }

    public int Number { get; init; }

    public required string DocumentJson { get; init; }

    /// <summary>SHA-256 of the canonical JSON, hex.</summary>
    public required string ContentHash { get; init; }

    public DateTimeOffset PublishedAt { get; init; }

    public required string PublishedBy { get; init; }

    public string? ChangeSummary { get; init; }

    /// <summary>The proposal this version came from; null for a playbook's first version.</summary>
    public Guid? ProposalId { get; init; }

    /// <summary>User ids whose active approvals allowed the publish, comma-separated (ids never contain commas).</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>Set when an Admin published without the required approvals: the written reason, kept for ever.</summary>
    public string? OverrideJustification { get; init; }
}
