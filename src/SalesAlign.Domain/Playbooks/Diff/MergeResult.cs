using System.Text.Json.Nodes;

namespace SalesAlign.Domain.Playbooks.Diff;

/// <summary>Which side's value settles a conflict. Theirs is the current published version, ours the proposal's draft.</summary>
public enum ConflictChoice { Ours, Theirs, Base }

/// <summary>A value both sides changed differently since the proposal's base.</summary>
/// <param name="Path">
/// JSON Pointer in the merged document. An item this proposal removed is absent there; its path is the
/// slot it would take if kept (after the slots of earlier such items). In the rare case where that slot
/// coincides with another conflict's path, resolve by <paramref name="Key"/>.
/// </param>
/// <param name="Key">Position-free key path, in the format of <see cref="DocumentChange.Key"/>.</param>
/// <param name="Base">The value at the proposal's base version; null when absent.</param>
/// <param name="Theirs">The value in the current published version; null when absent.</param>
/// <param name="Ours">The value in the proposal's draft; null when absent.</param>
/// <param name="Description">A sentence for the people resolving it.</param>
/// <remarks>
/// A stage-ordering conflict sits on <c>/stages</c> and its values are arrays of stage keys in each side's
/// order: the stages' content merges separately.
/// </remarks>
public sealed record MergeConflict(
    string Path,
    string Key,
    JsonNode? Base,
    JsonNode? Theirs,
    JsonNode? Ours,
    string Description);

/// <summary>The outcome of rebasing a proposal: the merged document and what still needs a human decision.</summary>
public sealed class MergeResult
{
    private readonly JsonNode _base;
    private readonly JsonNode _theirs;
    private readonly JsonNode _ours;
    private readonly Dictionary<string, ConflictChoice> _resolutions;

    internal MergeResult(JsonNode @base, JsonNode theirs, JsonNode ours, Dictionary<string, ConflictChoice> resolutions)
    {
        _base = @base;
        _theirs = theirs;
        _ours = ours;
        _resolutions = resolutions;

        var merger = new ThreeWayMerger(resolutions);
        MergedNode = merger.Merge(@base, theirs, ours, NodeLocation.Root) ?? new JsonObject();
        Conflicts = merger.Conflicts;
        Document = IsClean ? PlaybookJson.FromNode(MergedNode).Document : null;
    }

    /// <summary>The merged document; where a conflict remains it holds this proposal's value.</summary>
    public JsonNode MergedNode { get; }

    /// <summary>The merged document when nothing is left to resolve and it reads as a playbook; otherwise null.</summary>
    public PlaybookDocument? Document { get; }

    public IReadOnlyList<MergeConflict> Conflicts { get; }

    public bool IsClean => Conflicts.Count == 0;

    /// <summary>
    /// Settles conflicts and merges again. Choices are keyed by a conflict's <see cref="MergeConflict.Path"/>
    /// (or its <see cref="MergeConflict.Key"/>); conflicts without a choice remain.
    /// </summary>
    /// <exception cref="ArgumentException">A choice names no current conflict.</exception>
    public MergeResult Resolve(IReadOnlyDictionary<string, ConflictChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        // Choices are remembered by key path, because settling one conflict can move the positions of others.
        var resolutions = new Dictionary<string, ConflictChoice>(_resolutions, StringComparer.Ordinal);
        foreach (var (path, choice) in choices)
        {
            var matches = Conflicts.Where(c => c.Path == path).ToList();
            if (matches.Count == 0)
                matches = [.. Conflicts.Where(c => c.Key == path)];
            resolutions[matches.Count switch
            {
                1 => matches[0].Key,
                0 => throw new ArgumentException($"There is no conflict at '{path}'.", nameof(choices)),
                _ => throw new ArgumentException($"'{path}' names more than one conflict; choose by key path instead.", nameof(choices)),
            }] = choice;
        }
        return new MergeResult(_base, _theirs, _ours, resolutions);
    }
}
