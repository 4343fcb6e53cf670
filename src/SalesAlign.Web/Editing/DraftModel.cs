using System.Text.Json;
using System.Text.Json.Nodes;
using SalesAlign.Application.Playbooks;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Web.Services;

namespace SalesAlign.Web.Editing;

/// <summary>A change someone else made that overlaps an unsaved edit of this user: their value is shown, the user's is kept.</summary>
public sealed record EditConflict(string Path, string Description, JsonNode? Theirs, JsonNode? Mine);

/// <summary>
/// The open form of a proposal's draft (decision 0027). <see cref="Working"/> is what the form edits in place;
/// <see cref="Base"/> is the server's draft at <see cref="Revision"/>. The user's unsaved edits are exactly the
/// difference between the two, so no edit has to be tracked by hand: when the server's draft moves (someone
/// else saved), <see cref="AcceptServer"/> three-way merges base → server and base → working with
/// <see cref="DraftDocuments.Merge"/> — the rebase's own semantics — taking their changes where the user has none and
/// keeping the user's value, reported as an <see cref="EditConflict"/>, where both changed the same thing.
/// </summary>
public sealed class DraftModel
{
    private Dictionary<string, string> _problems = new(StringComparer.Ordinal);

    public DraftModel(ProposalDto proposal)
    {
        Proposal = proposal;
        Base = ToObject(proposal.Draft);
        Working = (JsonObject)Base.DeepClone();
        Title = proposal.Title;
        Rationale = proposal.Rationale;
    }

    public ProposalDto Proposal { get; private set; }

    public JsonObject Base { get; private set; }

    public JsonObject Working { get; private set; }

    public int Revision => Proposal.Revision;

    public string Title { get; set; }

    public string? Rationale { get; set; }

    public List<EditConflict> Conflicts { get; } = [];

    /// <summary>Problems of the last refused save, by JSON Pointer into the document (<c>/icp/criteria/2/points</c>) or <c>/title</c>.</summary>
    public IReadOnlyDictionary<string, string> Problems => _problems;

    public bool HasUnsavedChanges =>
        Title != Proposal.Title || (Rationale ?? "") != (Proposal.Rationale ?? "") || !DraftDocuments.SameContent(Base, Working);

    /// <summary>Field labels for conditions, from the working vocabulary.</summary>
    public Dictionary<string, string> Labels => ConditionText.LabelsOf(Working);

    public string? ProblemAt(string path) => _problems.GetValueOrDefault(path);

    /// <summary>Problems at or under a path (a section or a list item), for a summary next to it.</summary>
    public IEnumerable<KeyValuePair<string, string>> ProblemsUnder(string path) =>
        _problems.Where(p => p.Key == path || p.Key.StartsWith(path + "/", StringComparison.Ordinal));

    /// <summary>The user's unsaved changes in words (empty when none).</summary>
    public IReadOnlyList<ChangeDto> UnsavedChanges() => DraftDocuments.Compare(Base, Working);

    /// <summary>A snapshot of the document to send with the save (the user may keep typing while it travels).</summary>
    public JsonObject Snapshot() => (JsonObject)Working.DeepClone();

    /// <summary>The save of <paramref name="sent"/> succeeded: the server's answer is the new base; what the user typed meanwhile stays an edit.</summary>
    public void Saved(ProposalDto saved, JsonObject sent, string sentTitle, string? sentRationale)
    {
        var typedMeanwhile = !JsonNode.DeepEquals(sent, Working);
        Proposal = saved;
        Base = ToObject(saved.Draft);
        if (!typedMeanwhile)
            Working = (JsonObject)Base.DeepClone();
        if (Title == sentTitle)
            Title = saved.Title;
        if (Rationale == sentRationale)
            Rationale = saved.Rationale;
        _problems.Clear();
        Conflicts.Clear();
    }

    /// <summary>A save was refused for these problems: keep every edit and show each problem at its field.</summary>
    public void Refused(IEnumerable<FieldProblem> problems)
    {
        _problems = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in problems)
        {
            var path = p.Path.StartsWith("/document", StringComparison.Ordinal) ? p.Path["/document".Length..] : p.Path;
            if (path.Length == 0)
                path = "/";
            _problems[path] = _problems.TryGetValue(path, out var earlier) ? $"{earlier} {p.Message}" : p.Message;
        }
    }

    /// <summary>
    /// The server's draft moved to <paramref name="server"/> (another user's save, or ours seen late). Returns the
    /// other side's changes in words; overlapping edits land in <see cref="Conflicts"/> with the user's value kept.
    /// </summary>
    public IReadOnlyList<ChangeDto> AcceptServer(ProposalDto server)
    {
        if (server.Revision <= Proposal.Revision)
            return [];
        var theirs = ToObject(server.Draft);
        var theirChanges = DraftDocuments.Compare(Base, theirs);
        var metaDirty = (Title != Proposal.Title, (Rationale ?? "") != (Proposal.Rationale ?? ""));
        if (!metaDirty.Item1)
            Title = server.Title;
        if (!metaDirty.Item2)
            Rationale = server.Rationale;

        if (DraftDocuments.SameContent(Base, Working))
        {
            Working = (JsonObject)theirs.DeepClone();
        }
        else if (DraftDocuments.Merge(Base, theirs, Working) is { } merged)
        {
            Working = merged.Merged;
            Conflicts.RemoveAll(c => merged.Conflicts.Any(m => m.Path == c.Path));
            Conflicts.AddRange(merged.Conflicts.Select(c => new EditConflict(c.Path, c.Description, ToNode(c.Theirs), ToNode(c.Ours))));
        }
        else
        {
            // The form holds something that does not read as a playbook yet: keep all of it, say what the other side changed.
            Conflicts.AddRange(theirChanges.Select(c => new EditConflict(c.Path, c.Description, ToNode(c.After), Get(Working, c.Path)?.DeepClone())));
        }
        Proposal = server;
        Base = theirs;
        return theirChanges;
    }

    /// <summary>Status, reviews or approvals moved without a new draft revision: take them, keep the form as it is.</summary>
    public void Refresh(ProposalDto server)
    {
        if (server.Revision == Proposal.Revision)
            Proposal = server;
    }

    /// <summary>Settles a conflict with the other side's value (the user's value is simply kept otherwise).</summary>
    public void TakeTheirs(EditConflict conflict)
    {
        Set(Working, conflict.Path, conflict.Theirs?.DeepClone());
        Conflicts.Remove(conflict);
    }

    public void KeepMine(EditConflict conflict) => Conflicts.Remove(conflict);

    public void Discard()
    {
        Working = (JsonObject)Base.DeepClone();
        Title = Proposal.Title;
        Rationale = Proposal.Rationale;
        Conflicts.Clear();
        _problems.Clear();
    }

    /// <summary>
    /// The document in the domain's own JSON shape (defaults written the same way every time), so that the server's
    /// draft, the merge result and the form compare value by value without differences of spelling.
    /// </summary>
    private static JsonObject ToObject(JsonElement element) =>
        DraftDocuments.Normalize(JsonNode.Parse(element.GetRawText()) as JsonObject ?? new JsonObject());

    private static JsonNode? ToNode(JsonElement? element) => element is { } value ? JsonNode.Parse(value.GetRawText()) : null;

    /// <summary>The node at a JSON Pointer, or null.</summary>
    public static JsonNode? Get(JsonNode? root, string path)
    {
        var node = root;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
                return null;
        }
        return node;
    }

    /// <summary>Sets (or with null removes) the value at a JSON Pointer whose parent exists.</summary>
    public static void Set(JsonNode root, string path, JsonNode? value)
    {
        var tokens = Tokens(path).ToList();
        if (tokens.Count == 0)
            return;
        var parent = Get(root, "/" + string.Join('/', tokens.SkipLast(1).Select(Escape)));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when value is null:
                o.Remove(last);
                break;
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                if (value is null)
                    a.RemoveAt(i);
                else
                    a[i] = value;
                break;
            case JsonArray a when int.TryParse(last, out var i) && i == a.Count && value is not null:
                a.Add(value);
                break;
        }
    }

    private static IEnumerable<string> Tokens(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
