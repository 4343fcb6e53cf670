using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using SalesAlign.Api.Identity;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Api.Hubs;

/// <summary>A tenant a connection joined, with the actor it was last checked as.</summary>
internal sealed record JoinedTenant(Tenant Tenant, Actor Actor)
{
    public Guid Id => Tenant.Id;

    public string Slug => Tenant.Slug;
}

/// <summary>What one connection joined. Hub calls and access re-checks of a connection take <see cref="Lock"/>, one at a time.</summary>
internal sealed class HubConnectionState(string connectionId, string userId, Guid? integrationTenantId)
{
    public string ConnectionId { get; } = connectionId;

    public string UserId { get; } = userId;

    public Guid? IntegrationTenantId { get; } = integrationTenantId;

    public SemaphoreSlim Lock { get; } = new(1, 1);

    public ConcurrentDictionary<Guid, JoinedTenant> Tenants { get; } = new();

    public ConcurrentDictionary<Guid, JoinedTenant> Proposals { get; } = new();

    public string? DisplayName { get; set; }

    public bool Holds(Actor actor, string permission) =>
        AccessPolicy.Allows(actor.Role, IntegrationTenantId is not null, permission);
}

/// <summary>
/// This instance's hub connections by user, so a change of someone's access (removed, role lowered, added) re-checks
/// their open connections at once: groups they may no longer be in are left, groups they now may be in are joined
/// (issue 10, docs/decisions/0034).
/// </summary>
internal sealed class LiveConnections(
    IHubContext<AlignmentHub, IAlignmentClient> hub,
    IServiceScopeFactory scopes,
    TenantAccessCache cache,
    IPresenceStore presence,
    TimeProvider time,
    ILogger<LiveConnections> logger)
{
    /// <summary>Who may stay in a proposal's group: whoever may send the hub's own access question.</summary>
    public static readonly string ProposalGroupPermission = RequestPolicy.PermissionOf<CheckProposalAccessQuery>()!;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubConnectionState>> _byUser = new(StringComparer.Ordinal);

    public HubConnectionState Add(string connectionId, string userId, Guid? integrationTenantId)
    {
        var state = new HubConnectionState(connectionId, userId, integrationTenantId);
        _byUser.GetOrAdd(userId, _ => new(StringComparer.Ordinal))[connectionId] = state;
        return state;
    }

    public void Remove(HubConnectionState state)
    {
        if (_byUser.TryGetValue(state.UserId, out var connections))
            connections.TryRemove(state.ConnectionId, out _);
    }

    /// <summary>Someone's access to a tenant changed (after the change committed): forget the cached answer, re-check their connections.</summary>
    public async Task AccessChangedAsync(Guid tenantId, string userId)
    {
        cache.Forget(tenantId, userId);
        if (!_byUser.TryGetValue(userId, out var connections))
            return;
        foreach (var state in connections.Values)
        {
            try
            {
                await RecheckAsync(state, tenantId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Re-checking hub connection {Connection} after an access change failed; its next hub call re-checks it", state.ConnectionId);
            }
        }
    }

    private async Task RecheckAsync(HubConnectionState state, Guid tenantId)
    {
        await state.Lock.WaitAsync();
        try
        {
            if (!state.Tenants.TryGetValue(tenantId, out var joined))
                return;
            await using var scope = scopes.CreateAsyncScope();
            var actor = await TenantAccessService.ActorAsync(joined.Tenant, state.UserId, state.IntegrationTenantId,
                scope.ServiceProvider.GetRequiredService<IUserAccess>(), cache, CancellationToken.None);
            await ApplyAsync(state, joined.Tenant, actor);
        }
        finally
        {
            state.Lock.Release();
        }
    }

    /// <summary>Puts a connection in exactly the groups of <paramref name="tenant"/> its actor (null: no access) allows. Call under the connection's lock.</summary>
    public async Task ApplyAsync(HubConnectionState state, Tenant tenant, Actor? actor)
    {
        var groups = hub.Groups;
        if (actor is null)
        {
            state.Tenants.TryRemove(tenant.Id, out _);
            await groups.RemoveFromGroupAsync(state.ConnectionId, AlignmentHub.TenantGroup(tenant.Id));
        }
        else
        {
            state.Tenants[tenant.Id] = new JoinedTenant(tenant, actor);
            await groups.AddToGroupAsync(state.ConnectionId, AlignmentHub.TenantGroup(tenant.Id));
        }
        foreach (var permission in LiveEventPermissions.Distinct)
        {
            var group = AlignmentHub.TenantPermissionGroup(tenant.Id, permission);
            if (actor is not null && state.Holds(actor, permission))
                await groups.AddToGroupAsync(state.ConnectionId, group);
            else
                await groups.RemoveFromGroupAsync(state.ConnectionId, group);
        }
        if (actor is not null && state.Holds(actor, ProposalGroupPermission))
            return;
        foreach (var (proposalId, joined) in state.Proposals)
        {
            if (joined.Id != tenant.Id || !state.Proposals.TryRemove(proposalId, out _))
                continue;
            await groups.RemoveFromGroupAsync(state.ConnectionId, AlignmentHub.ProposalGroup(proposalId));
            var users = await presence.RemoveAsync(proposalId, state.ConnectionId);
            await hub.Clients.Group(AlignmentHub.ProposalGroup(proposalId))
                .Event(AlignmentHub.PresenceEvent(tenant.Slug, state.UserId, proposalId, users, time.GetUtcNow()));
        }
    }
}

/// <summary>
/// The application's "someone's access changed" (member added, changed, removed): deferred until the change commits,
/// then the cache forgets and open hub connections are re-checked — here and, through <see cref="AccessChangeChannel"/>,
/// on every instance.
/// </summary>
internal sealed class AccessChangeSignal(IAfterCommit afterCommit, AccessChangeChannel channel) : ITenantAccessCache
{
    public void Forget(Guid tenantId, string userId) => afterCommit.Enqueue(() => channel.Publish(tenantId, userId));
}
