using System.Text.Json.Nodes;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Playbooks.Diff;

namespace SalesAlign.Application.Playbooks;

/// <summary>A three-way merge of drafts: the merged document and what both sides changed differently.</summary>
public sealed record DraftMerge(JsonObject Merged, IReadOnlyList<RebaseConflictDto> Conflicts);

/// <summary>
/// The domain's document operations a client holding a draft as JSON needs — the web editor's co-editing (decision
/// 0027) — in Contracts shapes, so that the UI uses the same diff and merge as the server without compiling against
/// the domain (decision 0048).
/// </summary>
public static class DraftDocuments
{
    /// <summary>The document in the domain's own JSON shape (defaults written the same way every time); as it is when it does not read as a playbook.</summary>
    public static JsonObject Normalize(JsonObject document) =>
        PlaybookJson.FromNode(document).Document is { } parsed && PlaybookJson.ToNode(parsed) is JsonObject normal ? normal : document;

    /// <summary>Equal as JSON, or equal as playbooks (e.g. a cleared optional value written as null vs absent).</summary>
    public static bool SameContent(JsonObject a, JsonObject b)
    {
        if (JsonNode.DeepEquals(a, b))
            return true;
        var x = PlaybookJson.FromNode(a).Document;
        var y = PlaybookJson.FromNode(b).Document;
        return x is not null && y is not null && PlaybookJson.ContentHash(x) == PlaybookJson.ContentHash(y);
    }

    /// <summary>The semantic changes from <paramref name="before"/> to <paramref name="after"/>, described for people.</summary>
    public static IReadOnlyList<ChangeDto> Compare(JsonNode? before, JsonNode? after) =>
        [.. DocumentDiff.Compare(before, after).Select(c => c.ToDto())];

    /// <summary>
    /// Merges base → theirs and base → ours as a rebase does; null when one of the three does not read as a playbook
    /// (a form holding a half-typed value).
    /// </summary>
    public static DraftMerge? Merge(JsonObject @base, JsonObject theirs, JsonObject ours)
    {
        var b = PlaybookJson.FromNode(@base).Document;
        var t = PlaybookJson.FromNode(theirs).Document;
        var o = PlaybookJson.FromNode(ours).Document;
        if (b is null || t is null || o is null)
            return null;
        var merged = DocumentMerge.Merge(b, t, o);
        return new DraftMerge(Normalize((JsonObject)merged.MergedNode.DeepClone()), [.. merged.Conflicts.Select(c => c.ToDto())]);
    }
}
