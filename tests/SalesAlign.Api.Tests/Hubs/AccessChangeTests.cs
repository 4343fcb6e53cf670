using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Api.Hubs;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Api.Tests.Hubs;

/// <summary>Issue 10 item 1: access that ends over HTTP ends on open hub connections too.</summary>
[Collection(nameof(ApiHost))]
public sealed class AccessChangeTests(ApiFactory factory)
{
    private const string Val = "val@acme.example";
    private const string Sam = "sam@acme.example";
    private const string Admin = "alex@northwind.example";

    [Fact]
    public async Task A_removed_member_leaves_the_tenant_and_proposal_groups_and_SetPresence_refuses()
    {
        var proposalId = Guid.Parse((await RouteCatalog.IdsOf(factory, "acme"))["proposalId"]);
        var admin = await factory.ClientFor(Admin);
        var valId = (await (await (await factory.ClientFor(Val)).GetAsync("/api/v1/me")).Json()).GetProperty("user").GetProperty("id").GetString()!;
        await using var val = await HubProbe.ConnectAsync(factory, await factory.TokenFor(Val));
        await using var sam = await HubProbe.ConnectAsync(factory, await factory.TokenFor(Sam));
        await val.Connection.InvokeAsync("JoinTenant", "acme");
        await sam.Connection.InvokeAsync("JoinTenant", "acme");
        await sam.Connection.InvokeAsync("JoinProposal", proposalId);
        await val.Connection.InvokeAsync("JoinProposal", proposalId);
        await sam.NextPresenceAsync(u => u.Any(x => x.UserId == valId), "val joins the proposal");
        var broadcaster = factory.Services.GetServices<ILiveEventTarget>().OfType<HubEventBroadcaster>().Single();
        var seq = 3_000_000L + Random.Shared.Next(1_000_000) * 10L;
        try
        {
            // Control: while a member, val receives the tenant's events.
            await broadcaster.DeliverAsync(factory.Services, [AlignmentHubTests.Event("acme", seq, LiveEventTypes.ProposalUpdated, proposalId)]);
            (await val.NextAsync(e => e.Seq == seq, "before removal")).Type.ShouldBe(LiveEventTypes.ProposalUpdated);

            (await admin.DeleteAsync($"/api/v1/t/acme/members/{valId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

            // The re-check (not a hub call of val's) takes val off the proposal: the others see val leave.
            await sam.NextPresenceAsync(u => u.All(x => x.UserId != valId), "val removed from the proposal");
            await broadcaster.DeliverAsync(factory.Services, [AlignmentHubTests.Event("acme", seq + 1, LiveEventTypes.ProposalUpdated, proposalId),
                AlignmentHubTests.Event("acme", seq + 2, LiveEventTypes.PlaybookPublished, null)]);
            await sam.NextAsync(e => e.Seq == seq + 2, "sam still receives");
            (await Should.ThrowAsync<TimeoutException>(() => val.NextAsync(e => e.Seq > seq, "nothing after removal"))).ShouldNotBeNull();
            (await Should.ThrowAsync<HubException>(() => val.Connection.InvokeAsync("SetPresence", proposalId, "editing"))).Message.ShouldContain("proposal_not_joined");
            (await Should.ThrowAsync<HubException>(() => val.Connection.InvokeAsync("JoinTenant", "acme"))).Message.ShouldContain("tenant_not_found");
        }
        finally
        {
            await admin.PostJson("/api/v1/t/acme/members", new AddMemberRequest(Val, "sales", "viewer"));
        }
    }
}
