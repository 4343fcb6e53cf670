using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
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
    private readonly ConcurrentDictionary<string, Lazy<CompiledDraft>> _drafts = new(StringComparer.Ordinal);

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

    /// <summary>
    /// A proposal's draft, keyed by its stored text's own hash: the text is parsed, canonicalised and compiled only
    /// the first time it is seen, and its content hash is computed then too, not per request.
    /// </summary>
    public CompiledDraft GetDraft(string draftJson)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(draftJson)));
        if (_drafts.TryGetValue(key, out var hit))
            return hit.Value;
        if (_drafts.Count >= Capacity)
            _drafts.Clear();
        return _drafts.GetOrAdd(key, _ => new Lazy<CompiledDraft>(() =>
        {
            var document = PlaybookMapping.ReadDocument(draftJson);
            var contentHash = PlaybookJson.ContentHash(document);
            return new CompiledDraft(Get(contentHash, () => document), contentHash);
        })).Value;
    }
}

/// <summary>A compiled draft and the content hash of its canonical document.</summary>
public sealed record CompiledDraft(CompiledPlaybook Playbook, string ContentHash);
