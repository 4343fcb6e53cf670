using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SalesAlign.Api.Identity;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Auditing;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Live;

namespace SalesAlign.Api.Hubs;

/// <summary>
/// Live updates (SPEC §3). A client joins a tenant, then optionally proposals of that tenant. The hub has no access
/// rule of its own: who the caller is in a tenant comes from the routes' <see cref="TenantAccessService"/>, and whether
/// they may follow a proposal from <see cref="CheckProposalAccessQuery"/> through the mediator. Refusals do not tell
/// "does not exist" from "not yours".
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
        var actor = tenant is null ? null
            : await scope.ServiceProvider.GetRequiredService<TenantAccessService>().ActorAsync(tenant, UserId, State.IntegrationTenantId, Context.ConnectionAborted);
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
        if (await MayFollowAsync(tenant, proposalId) is not { } now)
            throw new HubException("proposal_not_joined");
        await UpdatePresenceAsync(proposalId, now, mode);
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

    private async Task<JoinedTenant?> TenantOfProposalAsync(Guid proposalId)
    {
        foreach (var joined in State.Tenants.Values)
        {
            if (await MayFollowAsync(joined, proposalId) is { } now)
                return now;
        }
        return null;
    }

    /// <summary>
    /// Asks the mediator, as this caller entered in the joined tenant through the routes' own access service, whether
    /// they may follow the proposal (<see cref="CheckProposalAccessQuery"/>, whose declaration decides). A caller who
    /// lost access to the tenant, or the permission, has their groups corrected at once.
    /// </summary>
    private async Task<JoinedTenant?> MayFollowAsync(JoinedTenant joined, Guid proposalId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = services.GetRequiredService<CurrentUser>();
        user.ActAs(Context.User!);
        var entered = await services.GetRequiredService<TenantAccessService>().EnterAsync(joined.Slug, user, Context.ConnectionAborted);
        try
        {
            if (entered.Allowed && await services.GetRequiredService<ISender>().Send(new CheckProposalAccessQuery(proposalId), Context.ConnectionAborted))
                return joined with { Actor = user.Member! };
            return null;
        }
        catch (ForbiddenException)
        {
            return null;
        }
        finally
        {
            if (!entered.Allowed || user.Member is null || !State.Holds(user.Member, LiveConnections.ProposalGroupPermission))
                await connections.ApplyAsync(State, joined.Tenant, entered.Allowed ? user.Member : null);
        }
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
