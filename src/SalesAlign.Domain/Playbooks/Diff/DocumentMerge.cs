namespace SalesAlign.Domain.Playbooks.Diff;

/// <summary>
/// Three-way merge used to rebase a stale proposal onto the current published version: changes made on
/// only one side since the base are taken, overlapping ones become conflicts for people to settle.
/// </summary>
public static class DocumentMerge
{
    /// <param name="base">The version the proposal started from.</param>
    /// <param name="theirs">The current published version.</param>
    /// <param name="ours">The proposal's draft.</param>
    public static MergeResult Merge(PlaybookDocument @base, PlaybookDocument theirs, PlaybookDocument ours)
    {
        ArgumentNullException.ThrowIfNull(@base);
        ArgumentNullException.ThrowIfNull(theirs);
        ArgumentNullException.ThrowIfNull(ours);
        return new MergeResult(
            PlaybookJson.ToNode(@base), PlaybookJson.ToNode(theirs), PlaybookJson.ToNode(ours),
            new Dictionary<string, ConflictChoice>(StringComparer.Ordinal));
    }
}
