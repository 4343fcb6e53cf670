using System.Text.Json.Nodes;

namespace SalesAlign.Domain.Playbooks.Diff;

public enum ChangeKind { Added, Removed, Modified, Moved }

/// <summary>One semantic difference between two playbook documents.</summary>
/// <param name="Kind">What happened to the value.</param>
/// <param name="Path">
/// JSON Pointer (RFC 6901) of the value in the <em>after</em> document, or in the <em>before</em> document
/// for <see cref="ChangeKind.Removed"/>, e.g. <c>/icp/criteria/2/points</c>. Comments anchor to it.
/// </param>
/// <param name="Key">
/// Position-free identity of the value, stable across reorderings and across versions: a JSON Pointer in
/// which every item of a keyed list (<see cref="DocumentSchema.KeyedLists"/>) is named by its key instead of
/// its index, written <c>list[keyProperty=keyValue]</c>, e.g. <c>/icp/criteria[id=seniority-vp]/points</c>
/// or <c>/stages[key=mql]</c>. Property names are escaped as in RFC 6901 (<c>~0</c>, <c>~1</c>); key values
/// are escaped the same way and <c>]</c> becomes <c>~2</c>. The list itself is its plain pointer (<c>/stages</c>).
/// </param>
/// <param name="Before">A copy of the old value; null when it was added.</param>
/// <param name="After">A copy of the new value; null when it was removed.</param>
/// <param name="Description">A sentence for marketing and sales people, e.g. <c>ICP: points for "Seniority = VP" 15 → 20</c>.</param>
public sealed record DocumentChange(
    ChangeKind Kind,
    string Path,
    string Key,
    JsonNode? Before,
    JsonNode? After,
    string Description);
