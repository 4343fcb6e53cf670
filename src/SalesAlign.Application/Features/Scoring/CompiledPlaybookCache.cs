using System.Collections.Concurrent;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Application.Features.Scoring;

/// <summary>
/// Compiled playbooks by content hash: equal documents compile once per process, whatever version or draft
/// they come from. Compiling is never done per request (STACK.md); a hash names immutable content, so entries
/// never go stale. Bounded: past <see cref="Capacity"/> entries the cache is cleared and refilled on demand.
/// </summary>
public sealed class CompiledPlaybookCache
{
    public const int Capacity = 512;

    private readonly ConcurrentDictionary<string, Lazy<CompiledPlaybook>> _compiled = new(StringComparer.Ordinal);

    public int Count => _compiled.Count;

    public CompiledPlaybook Get(string contentHash, string documentJson) =>
        Get(contentHash, () => PlaybookMapping.ReadDocument(documentJson));

    public CompiledPlaybook Get(string contentHash, Func<PlaybookDocument> document)
    {
        if (_compiled.TryGetValue(contentHash, out var hit))
            return hit.Value;
        if (_compiled.Count >= Capacity)
            _compiled.Clear();
        return _compiled.GetOrAdd(contentHash, _ => new Lazy<CompiledPlaybook>(() => CompiledPlaybook.Compile(document()))).Value;
    }
}
