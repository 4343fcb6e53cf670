using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Api.Identity;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Auditing;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Api.Hubs;

/// <summary>
/// Live updates (SPEC §3). A client joins a tenant, then optionally proposals of that tenant; every join is
/// checked with the same rule as the HTTP routes, and refusals do not tell "does not exist" from "not yours".
/// </summary>
[Authorize]
internal sealed class AlignmentHub(
    IServiceScopeFactory scopes,
    TenantAccessCache cache,
    IPresenceStore presence,
    LiveConnections connections,
    TimeProvider time) : Hub<IAlignmentClient>
{
    public const string Path = "/hubs/alignment";

    public static string TenantGroup(Guid tenantId) => $"tenant:{tenantId}";

    public static string ProposalGroup(Guid proposalId) => $"proposal:{proposalId}";

    /// <summary>The connections of a tenant that hold <paramref name="permission"/>: events needing it go here, and only here.</summary>
    public static string TenantPermissionGroup(Guid tenantId, string permission) => $"tenant:{tenantId}:perm:{permission}";

    public override Task OnConnectedAsync()
    {
        Context.Items[nameof(HubConnectionState)] = connections.Add(Context.ConnectionId, UserId, CurrentUser.IntegrationTenantOf(Context.User));
        return base.OnConnectedAsync();
    }

    /// <summary>Joins <c>tenant:{id}</c> and its permission groups when the caller may act in the tenant, else <c>tenant_not_found</c>.</summary>
    public async Task JoinTenant(string slug) => await LockedAsync(async () =>
    {
        await using var scope = scopes.CreateAsyncScope();
        var tenant = await cache.TenantAsync(scope.ServiceProvider.GetRequiredService<IAppDbContext>(), slug ?? "", Context.ConnectionAborted);
        var actor = tenant is null ? null : await ActorAsync(tenant, scope.ServiceProvider);
        if (tenant is null || actor is null)
            throw new HubException("tenant_not_found");
        await connections.ApplyAsync(State, tenant, actor);
    });

    /// <summary>
    /// Joins <c>proposal:{id}</c> when the proposal belongs to a tenant this connection joined and the caller may
    /// read proposals there now; the caller then shows as viewing it.
    /// </summary>
    public async Task JoinProposal(Guid proposalId) => await LockedAsync(async () =>
    {
        var tenant = await TenantOfProposalAsync(proposalId) ?? throw new HubException("proposal_not_found");
        State.Proposals[proposalId] = tenant;
        await Groups.AddToGroupAsync(Context.ConnectionId, ProposalGroup(proposalId), Context.ConnectionAborted);
        await UpdatePresenceAsync(proposalId, tenant, PresenceTracker.Viewing);
    });

    public async Task LeaveProposal(Guid proposalId) => await LockedAsync(async () =>
    {
        if (!State.Proposals.TryRemove(proposalId, out var tenant))
            return;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ProposalGroup(proposalId));
        await BroadcastPresenceAsync(proposalId, tenant, await presence.RemoveAsync(proposalId, Context.ConnectionId));
    });

    /// <summary>Says whether the caller is viewing or editing a proposal they joined and may still read.</summary>
    public async Task SetPresence(Guid proposalId, string mode) => await LockedAsync(async () =>
    {
        if (!PresenceTracker.IsMode(mode))
            throw new HubException("invalid_presence_mode");
        if (!State.Proposals.TryGetValue(proposalId, out var tenant))
            throw new HubException("proposal_not_joined");
        await using var scope = scopes.CreateAsyncScope();
        var actor = await ActorAsync(tenant.Tenant, scope.ServiceProvider);
        if (actor is null || !State.Holds(actor, Permissions.Proposals.Read))
        {
            await connections.ApplyAsync(State, tenant.Tenant, actor);
            throw new HubException("proposal_not_joined");
        }
        await UpdatePresenceAsync(proposalId, tenant, mode);
    });

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(State);
        foreach (var (proposalId, tenant) in State.Proposals)
            await BroadcastPresenceAsync(proposalId, tenant, await presence.RemoveAsync(proposalId, Context.ConnectionId));
        await base.OnDisconnectedAsync(exception);
    }

    private string UserId => CurrentUser.UserIdOf(Context.User) ?? throw new HubException("unauthenticated");

    private HubConnectionState State => (HubConnectionState)Context.Items[nameof(HubConnectionState)]!;

    /// <summary>One call of this connection at a time, and never beside a re-check of its access.</summary>
    private async Task LockedAsync(Func<Task> work)
    {
        await State.Lock.WaitAsync(Context.ConnectionAborted);
        try
        {
            await work();
        }
        finally
        {
            State.Lock.Release();
        }
    }

    /// <summary>The caller's actor in the tenant now, through the routes' own rule (the cache forgets on every access change).</summary>
    private Task<Domain.Proposals.Actor?> ActorAsync(Domain.Tenancy.Tenant tenant, IServiceProvider services) =>
        TenantAccessMiddleware.ActorAsync(tenant, UserId, State.IntegrationTenantId, services.GetRequiredService<IUserAccess>(), cache, Context.ConnectionAborted);

    private async Task<JoinedTenant?> TenantOfProposalAsync(Guid proposalId)
    {
        foreach (var joined in State.Tenants.Values)
        {
            await using var scope = scopes.CreateAsyncScope();
            var actor = await ActorAsync(joined.Tenant, scope.ServiceProvider);
            if (actor is null || !State.Holds(actor, Permissions.Proposals.Read))
            {
                await connections.ApplyAsync(State, joined.Tenant, actor);
                continue;
            }
            // The DbContext is tenant-filtered: inside this tenant's scope, another tenant's proposal does not exist.
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Enter(joined.Id, joined.Slug);
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            if (await db.Proposals.AsNoTracking().AnyAsync(p => p.Id == proposalId, Context.ConnectionAborted))
                return joined with { Actor = actor };
        }
        return null;
    }

    private async Task UpdatePresenceAsync(Guid proposalId, JoinedTenant tenant, string mode)
    {
        var entry = new PresenceEntry(UserId, await DisplayNameAsync(), mode);
        await BroadcastPresenceAsync(proposalId, tenant, await presence.SetAsync(proposalId, Context.ConnectionId, entry));
    }

    private async Task<string> DisplayNameAsync()
    {
        if (State.DisplayName is { } known)
            return known;
        await using var scope = scopes.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<IUserAccess>().FindUserAsync(UserId, Context.ConnectionAborted);
        return State.DisplayName = user?.DisplayName ?? UserId;
    }

    /// <summary>Presence is ephemeral: sent straight to the proposal's group with <c>seq</c> 0, never through the outbox.</summary>
    private Task BroadcastPresenceAsync(Guid proposalId, JoinedTenant tenant, IReadOnlyList<PresenceEntry> users) =>
        Clients.Group(ProposalGroup(proposalId)).Event(PresenceEvent(tenant.Slug, UserId, proposalId, users, time.GetUtcNow()));

    public static LiveEventDto PresenceEvent(string tenantSlug, string actorId, Guid proposalId, IReadOnlyList<PresenceEntry> users, DateTimeOffset at) =>
        new(PresenceChangedData.EventType, tenantSlug, 0, at, actorId, proposalId.ToString(), null,
            LiveEventJson.ToElement(new PresenceChangedData([.. users.Select(u => new PresenceUser(u.UserId, u.DisplayName, u.Mode))])));
}
