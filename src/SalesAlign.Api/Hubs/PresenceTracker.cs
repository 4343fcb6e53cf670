using System.Collections.Concurrent;

namespace SalesAlign.Api.Hubs;

/// <summary>One person on a proposal, as <c>presenceChanged</c> lists them.</summary>
internal sealed record PresenceEntry(string UserId, string DisplayName, string Mode);

/// <summary>Who is on which proposal, per connection; each call returns the proposal's list after the change.</summary>
internal interface IPresenceStore
{
    Task<IReadOnlyList<PresenceEntry>> SetAsync(Guid proposalId, string connectionId, PresenceEntry entry);

    Task<IReadOnlyList<PresenceEntry>> RemoveAsync(Guid proposalId, string connectionId);
}

/// <summary>
/// Who is on which proposal, per connection, in this instance's memory (used without Redis). Presence is ephemeral (never in
/// the outbox, <c>seq</c> 0). Several instances share presence through <see cref="RedisPresenceStore"/> instead.
/// </summary>
internal sealed class PresenceTracker : IPresenceStore
{
    public const string Viewing = "viewing";
    public const string Editing = "editing";

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, PresenceEntry>> _byProposal = new();

    public static bool IsMode(string mode) => mode is Viewing or Editing;

    public IReadOnlyList<PresenceEntry> Set(Guid proposalId, string connectionId, PresenceEntry entry)
    {
        _byProposal.GetOrAdd(proposalId, _ => new ConcurrentDictionary<string, PresenceEntry>(StringComparer.Ordinal))[connectionId] = entry;
        return Current(proposalId);
    }

    public IReadOnlyList<PresenceEntry> Remove(Guid proposalId, string connectionId)
    {
        if (_byProposal.TryGetValue(proposalId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
            if (connections.IsEmpty)
                _byProposal.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<string, PresenceEntry>>(proposalId, connections));
        }
        return Current(proposalId);
    }

    public IReadOnlyList<PresenceEntry> Current(Guid proposalId) =>
        _byProposal.TryGetValue(proposalId, out var connections) ? PerUser(connections.Values) : [];

    Task<IReadOnlyList<PresenceEntry>> IPresenceStore.SetAsync(Guid proposalId, string connectionId, PresenceEntry entry) =>
        Task.FromResult(Set(proposalId, connectionId, entry));

    Task<IReadOnlyList<PresenceEntry>> IPresenceStore.RemoveAsync(Guid proposalId, string connectionId) =>
        Task.FromResult(Remove(proposalId, connectionId));

    /// <summary>
    /// One entry per user: someone with two tabs open is listed once, as editing if either tab edits.
    /// </summary>
    public static IReadOnlyList<PresenceEntry> PerUser(IEnumerable<PresenceEntry> connections) =>
        connections
            .GroupBy(e => e.UserId, StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(e => e.Mode == Editing) ?? g.First())
            .OrderBy(e => e.DisplayName, StringComparer.Ordinal)
            .ToList();
}
