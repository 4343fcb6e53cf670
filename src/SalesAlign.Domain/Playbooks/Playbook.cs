using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Playbooks;

/// <summary>
/// A named qualification agreement inside a tenant; its content lives in its versions. Every change goes through a
/// method here and increments <see cref="Revision"/>, the optimistic-concurrency token: the UPDATE compares the
/// revision that was read, so a stale copy fails on save.
/// </summary>
public sealed class Playbook : ITenantOwned
{
    private Playbook()
    {
    }

    public Guid TenantId { get; set; }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public int? CurrentVersionNumber { get; private set; }

    /// <summary>Sent as the ETag; starts at 0 and increments on every change.</summary>
    public int Revision { get; private set; }

    /// <summary>A new playbook whose first version (number 1) is added with it.</summary>
    public static Playbook Create(Guid id, string name) => new() { Id = id, Name = name, CurrentVersionNumber = 1 };

    /// <summary>Makes <paramref name="versionNumber"/>, the next version, the current one.</summary>
    public void Publish(int versionNumber)
    {
        if (versionNumber <= (CurrentVersionNumber ?? 0))
            throw new InvalidOperationException($"Version {versionNumber} is not after the current version {CurrentVersionNumber}.");
        CurrentVersionNumber = versionNumber;
        Revision++;
    }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name == Name)
            return;
        Name = name;
        Revision++;
    }
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
