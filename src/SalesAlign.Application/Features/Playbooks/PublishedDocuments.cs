using System.Collections.Concurrent;
using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Application.Features.Playbooks;

/// <summary>
/// Published versions' documents, parsed once per process: a version never changes and its content hash names
/// its content, so an entry never goes stale and two tenants with the same content share an immutable object
/// (nothing of one tenant is reachable from the other: the key is the content itself). Proposals read their base
/// and current versions on every command; this keeps those reads off the parser. Bounded like
/// <see cref="Scoring.CompiledPlaybookCache"/>: past <see cref="Capacity"/> entries it is cleared and refilled.
/// </summary>
internal static class PublishedDocuments
{
    public const int Capacity = 512;

    private static readonly ConcurrentDictionary<string, PlaybookDocument> Documents = new(StringComparer.Ordinal);

    public static PlaybookDocument Read(PlaybookVersion version)
    {
        if (Documents.TryGetValue(version.ContentHash, out var hit))
            return hit;
        if (Documents.Count >= Capacity)
            Documents.Clear();
        return Documents.GetOrAdd(version.ContentHash, _ => PlaybookMapping.ReadDocument(version.DocumentJson));
    }
}
