using System.Text.Json;

namespace SalesAlign.Contracts.Playbooks;

/// <summary>A playbook with its current version (null until the first publish).</summary>
public sealed record PlaybookDto(Guid Id, string Name, int Revision, VersionDto? CurrentVersion);

public sealed record PlaybookSummaryDto(Guid Id, string Name, int? CurrentVersion);

/// <summary>Create a playbook with its first document; it is published as v1 at once.</summary>
public sealed record CreatePlaybookRequest(string Name, JsonElement Document);

/// <summary>A published version. Immutable.</summary>
public sealed record VersionDto(
    int Number,
    string ContentHash,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    Guid? ProposalId,
    string? ChangeSummary,
    IReadOnlyList<string> ApprovedBy,
    string? OverrideJustification,
    JsonElement Document);

public sealed record VersionSummaryDto(int Number, string ContentHash, DateTimeOffset PublishedAt, string PublishedBy, Guid? ProposalId, string? ChangeSummary, bool Override);

/// <summary>One semantic change between two documents.</summary>
public sealed record ChangeDto(string Kind, string Path, string Key, JsonElement? Before, JsonElement? After, string Description);

public sealed record DiffDto(string From, string To, IReadOnlyList<ChangeDto> Changes);
