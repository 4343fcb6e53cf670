using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Playbooks.Diff;
using SalesAlign.Application.Common.Wire;

namespace SalesAlign.Application.Features.Playbooks;

/// <summary>Mapping and loading shared by the playbook and proposal use cases.</summary>
internal static class PlaybookMapping
{
    public static VersionDto ToDto(this PlaybookVersion v) => new(
        v.Number, v.ContentHash, v.PublishedAt, v.PublishedBy, v.ProposalId, v.ChangeSummary,
        SplitApprovers(v.ApprovedBy), v.OverrideJustification, ToElement(v.DocumentJson));

    public static VersionSummaryDto ToSummaryDto(this PlaybookVersion v) =>
        new(v.Number, v.ContentHash, v.PublishedAt, v.PublishedBy, v.ProposalId, v.ChangeSummary, v.OverrideJustification is not null);

    public static ChangeDto ToDto(this DocumentChange c) =>
        new(WireName.Of(c.Kind), c.Path, c.Key, ToElement(c.Before), ToElement(c.After), c.Description);

    public static RebaseConflictDto ToDto(this MergeConflict c) =>
        new(c.Path, c.Key, ToElement(c.Base), ToElement(c.Theirs), ToElement(c.Ours), c.Description);

    public static JsonElement ToElement(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static JsonElement? ToElement(JsonNode? node) => node is null ? null : ToElement(node.ToJsonString());

    public static string JoinApprovers(IEnumerable<string> userIds) => string.Join(',', userIds.Order(StringComparer.Ordinal));

    private static string[] SplitApprovers(string? approvedBy) =>
        string.IsNullOrEmpty(approvedBy) ? [] : approvedBy.Split(',');

    /// <summary>Stored documents were validated when written, so reading one back cannot fail short of corruption.</summary>
    public static PlaybookDocument ReadDocument(string json) =>
        PlaybookJson.Parse(json).Document ?? throw new InvalidOperationException("A stored playbook document no longer parses.");

    public static async Task<PlaybookVersion> GetVersionAsync(this IAppDbContext db, Guid playbookId, int number, CancellationToken ct) =>
        await db.PlaybookVersions.AsNoTracking().FirstOrDefaultAsync(v => v.PlaybookId == playbookId && v.Number == number, ct)
        ?? throw new NotFoundException("Version", $"{playbookId}/v{number}");
}
