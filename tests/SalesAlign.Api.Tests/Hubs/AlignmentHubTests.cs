using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Api.Hubs;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;

namespace SalesAlign.Api.Tests.Hubs;

/// <summary>The hub over the shared test host: authentication, membership-checked joins, broadcast and presence.</summary>
[Collection(nameof(ApiHost))]
public sealed class AlignmentHubTests(ApiFactory factory)
{
    private const string Maria = "maria@acme.example";
    private const string Sam = "sam@acme.example";
    private const string Gina = "gina@globex.example";

    [Fact]
    public async Task Connecting_without_a_token_is_refused()
    {
        using var anonymous = factory.CreateClient();
        var negotiate = await anonymous.PostAsync("/hubs/alignment/negotiate?negotiateVersion=1", null);
        negotiate.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await Should.ThrowAsync<Exception>(async () => await HubProbe.ConnectAsync(factory, token: null));
        // A query-string token is read on /hubs only: elsewhere it does not sign anyone in.
        var elsewhere = await anonymous.GetAsync($"/api/v1/me?access_token={Uri.EscapeDataString(await factory.TokenFor(Maria))}");
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Members_join_their_tenant_and_never_another()
    {
        await using var maria = await HubProbe.ConnectAsync(factory, await factory.TokenFor(Maria));
        await using var gina = await HubProbe.ConnectAsync(factory, await factory.TokenFor(Gina));
        await using var client = await HubProbe.ConnectAsync(factory, await factory.IntegrationToken());

        await maria.Connection.InvokeAsync("JoinTenant", "acme");
        await gina.Connection.InvokeAsync("JoinTenant", "globex");
        await client.Connection.InvokeAsync("JoinTenant", "acme");

        (await Should.ThrowAsync<HubException>(() => gina.Connection.InvokeAsync("JoinTenant", "acme"))).Message.ShouldContain("tenant_not_found");
        (await Should.ThrowAsync<HubException>(() => gina.Connection.InvokeAsync("JoinTenant", "no-such-tenant"))).Message.ShouldContain("tenant_not_found");
        (await Should.ThrowAsync<HubException>(() => client.Connection.InvokeAsync("JoinTenant", "globex"))).Message.ShouldContain("tenant_not_found");
    }

    [Fact]
    public async Task A_proposal_is_joined_only_through_its_own_tenant()
    {
        var proposalId = Guid.Parse((await RouteCatalog.IdsOf(factory, "acme"))["proposalId"]);
        await using var maria = await HubProbe.ConnectAsync(factory, await factory.TokenFor(Maria));
        await using var gina = await HubProbe.ConnectAsync(factory, await factory.TokenFor(Gina));

        // Not before joining the tenant, even for a member.
        (await Should.ThrowAsync<HubException>(() => maria.Connection.InvokeAsync("JoinProposal", proposalId))).Message.ShouldContain("proposal_not_found");
        await maria.Connection.InvokeAsync("JoinTenant", "acme");
        await maria.Connection.InvokeAsync("JoinProposal", proposalId);

        await gina.Connection.InvokeAsync("JoinTenant", "globex");
        (await Should.ThrowAsync<HubException>(() => gina.Connection.InvokeAsync("JoinProposal", proposalId))).Message.ShouldContain("proposal_not_found");
        (await Should.ThrowAsync<HubException>(() => gina.Connection.InvokeAsync("JoinProposal", Guid.NewGuid()))).Message.ShouldContain("proposal_not_found");
    }

    [Fact]
    public async Task A_delivered_event_reaches_the_tenants_members_and_no_other_tenant()
    {
        var proposalId = Guid.Parse((await RouteCatalog.IdsOf(factory, "acme"))["proposalId"]);
        await using var maria = await HubProbe.ConnectAsync(factory, await factory.TokenFor(Maria));
        await using var sam = await HubProbe.ConnectAsync(factory, await factory.TokenFor(Sam));
        await using var gina = await HubProbe.ConnectAsync(factory, await factory.TokenFor(Gina));
        await maria.Connection.InvokeAsync("JoinTenant", "acme");
        await sam.Connection.InvokeAsync("JoinTenant", "acme");
        await gina.Connection.InvokeAsync("JoinTenant", "globex");
        var broadcaster = factory.Services.GetServices<ILiveEventTarget>().OfType<HubEventBroadcaster>().Single();

        var acmeEvent = Event("acme", 1_000_001, LiveEventTypes.ProposalUpdated, proposalId);
        var globexEvent = Event("globex", 1_000_002, LiveEventTypes.PlaybookPublished, null);
        await broadcaster.DeliverAsync(factory.Services, [acmeEvent]);
        await broadcaster.DeliverAsync(factory.Services, [globexEvent]);

        (await maria.NextAsync()).ShouldBe(acmeEvent, new LiveEventComparer());
        (await sam.NextAsync()).ShouldBe(acmeEvent, new LiveEventComparer());
        // Gina's connection receives in send order: if acme's event had reached her it would come first.
        (await gina.NextAsync()).ShouldBe(globexEvent, new LiveEventComparer());
    }

    [Fact]
    public async Task Presence_shows_who_views_edits_leaves_and_disconnects()
    {
        var proposalId = Guid.Parse((await RouteCatalog.IdsOf(factory, "acme"))["proposalId"]);
        await using var maria = await HubProbe.ConnectAsync(factory, await factory.TokenFor(Maria));
        var sam = await HubProbe.ConnectAsync(factory, await factory.TokenFor(Sam));
        try
        {
            await maria.Connection.InvokeAsync("JoinTenant", "acme");
            await sam.Connection.InvokeAsync("JoinTenant", "acme");

            await maria.Connection.InvokeAsync("JoinProposal", proposalId);
            var alone = await maria.NextPresenceAsync(u => u.Count == 1, "maria alone, viewing");
            var mariaId = alone.ActorId;
            alone.Seq.ShouldBe(0);
            alone.ObjectId.ShouldBe(proposalId.ToString());
            HubProbe.Users(alone).ShouldBe([(mariaId, "viewing")]);

            await sam.Connection.InvokeAsync("JoinProposal", proposalId);
            var joined = await maria.NextPresenceAsync(u => u.Count == 2, "sam joins");
            var samId = joined.ActorId;
            samId.ShouldNotBe(mariaId);
            HubProbe.Users(joined).ShouldBe([(mariaId, "viewing"), (samId, "viewing")], ignoreOrder: true);
            await sam.NextPresenceAsync(u => u.Count == 2, "sam sees maria too");

            await sam.Connection.InvokeAsync("SetPresence", proposalId, "editing");
            await maria.NextPresenceAsync(u => u.Contains((samId, "editing")) && u.Contains((mariaId, "viewing")), "sam edits");
            (await Should.ThrowAsync<HubException>(() => sam.Connection.InvokeAsync("SetPresence", proposalId, "dancing"))).Message.ShouldContain("invalid_presence_mode");

            await sam.Connection.InvokeAsync("LeaveProposal", proposalId);
            await maria.NextPresenceAsync(u => u.Count == 1 && u[0].UserId == mariaId, "sam leaves");

            await sam.Connection.InvokeAsync("JoinProposal", proposalId);
            await maria.NextPresenceAsync(u => u.Count == 2, "sam is back");
        }
        finally
        {
            await sam.DisposeAsync();
        }
        var afterDisconnect = await maria.NextPresenceAsync(u => u.Count == 1, "sam disconnects");
        HubProbe.Users(afterDisconnect).Single().Mode.ShouldBe("viewing");
    }

    internal static LiveEventDto Event(string tenant, long seq, string type, Guid? objectId) =>
        new(type, tenant, seq, DateTimeOffset.UnixEpoch.AddSeconds(seq), "test-actor", objectId?.ToString(), 3,
            JsonSerializer.SerializeToElement(new { paths = new[] { "/stages/0" } }));

    /// <summary>Records with a JsonElement compare by reference; compare the data's text instead.</summary>
    internal sealed class LiveEventComparer : IEqualityComparer<LiveEventDto>
    {
        public bool Equals(LiveEventDto? x, LiveEventDto? y) =>
            x is not null && y is not null && x with { Data = null } == y with { Data = null } && x.Data?.GetRawText() == y.Data?.GetRawText();

        public int GetHashCode(LiveEventDto obj) => obj.Seq.GetHashCode();
    }
}
