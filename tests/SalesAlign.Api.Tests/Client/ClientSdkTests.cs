using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Api.Hubs;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Client;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Proposals;

namespace SalesAlign.Api.Tests.Client;

/// <summary>
/// The .NET SDK against a host whose outbox dispatcher runs: two people on one proposal see each other's
/// edits, comments, reviews, publish and presence live; a client that was away catches up by seq.
/// </summary>
[Collection(nameof(LiveApiHost))]
public sealed class ClientSdkTests(LiveHost host)
{
    private const string Tenant = "acme";
    private const string Maria = "maria@acme.example";
    private const string Chris = "chris@acme.example";
    private const string Sam = "sam@acme.example";

    [Fact]
    public async Task Maria_and_chris_see_each_others_edits_comments_reviews_publish_and_presence_live()
    {
        var mariaApi = await host.SignedIn(Maria);
        var chrisApi = await host.SignedIn(Chris);
        var samApi = await host.SignedIn(Sam);
        var mariaId = (await mariaApi.GetMeAsync()).User.Id;
        var chrisId = (await chrisApi.GetMeAsync()).User.Id;
        var playbookId = (await chrisApi.ListPlaybooksAsync(Tenant)).Items[0].Id;
        (await chrisApi.GetPlaybookAsync(Tenant, playbookId)).CurrentVersion.ShouldNotBeNull();
        var proposal = await chrisApi.CreateProposalAsync(Tenant, playbookId, new CreateProposalRequest("Live hand-off", "Leads cool off in a day."));

        await using var maria = await host.Live(mariaApi);
        await using var chris = await host.Live(chrisApi);
        await maria.Client.JoinTenantAsync(Tenant);
        await chris.Client.JoinTenantAsync(Tenant);
        await maria.Client.JoinProposalAsync(proposal.Id);
        await chris.Client.JoinProposalAsync(proposal.Id);

        // Presence: each sees the other.
        await maria.WaitForPresence(u => u.Contains((chrisId, "viewing")) && u.Contains((mariaId, "viewing")), "maria sees chris viewing");
        await chris.WaitForPresence(u => u.Contains((mariaId, "viewing")), "chris sees maria viewing");
        await chris.Client.SetPresenceAsync(proposal.Id, "editing");
        await maria.WaitForPresence(u => u.Contains((chrisId, "editing")), "maria sees chris editing");

        // Chris's edit reaches maria with the new revision and the changed paths.
        var draft = JsonNode.Parse(proposal.Draft.GetRawText())!;
        draft["handoff"]!["serviceLevelHours"] = 8;
        var updated = await chrisApi.UpdateProposalAsync(Tenant, proposal.Id, proposal.Revision,
            new UpdateProposalRequest(Document: JsonSerializer.SerializeToElement(draft)));
        foreach (var (who, recorder) in new[] { ("maria", maria), ("chris", chris) })
        {
            var edit = await recorder.WaitFor(e => e.Type == LiveEventTypes.ProposalUpdated && e.ObjectId == proposal.Id.ToString(), $"{who} sees the edit");
            edit.Revision.ShouldBe(updated.Revision);
            edit.ActorId.ShouldBe(chrisId);
            edit.Data!.Value.GetProperty("changedPaths").EnumerateArray().Select(p => p.GetString()!)
                .ShouldContain(p => p.Contains("handoff", StringComparison.Ordinal));
        }

        // A stale edit is refused with the problem's code.
        var stale = await Should.ThrowAsync<SalesAlignApiException>(() =>
            chrisApi.UpdateProposalAsync(Tenant, proposal.Id, proposal.Revision, new UpdateProposalRequest(Title: "Too late")));
        stale.Status.ShouldBe(HttpStatusCode.PreconditionFailed);
        stale.Code.ShouldBe("revision_stale");

        var comment = await chrisApi.AddCommentAsync(Tenant, proposal.Id, new CreateCommentRequest("8 hours, really?"));
        await chrisApi.SubmitAsync(Tenant, proposal.Id, updated.Revision);
        await mariaApi.ReviewAsync(Tenant, proposal.Id, new ReviewRequest("approve", "Fine by marketing."));
        await samApi.ReviewAsync(Tenant, proposal.Id, new ReviewRequest("approve", "Sales can do it."));
        var published = await mariaApi.PublishAsync(Tenant, proposal.Id, new PublishRequest("SLA 24 → 8 hours"));
        published.Proposal.PublishedVersion.ShouldNotBeNull();

        foreach (var (who, recorder) in new[] { ("maria", maria), ("chris", chris) })
        {
            await recorder.WaitFor(e => e.Type == LiveEventTypes.CommentAdded && e.ObjectId == proposal.Id.ToString()
                && e.Data!.Value.GetProperty("commentId").GetGuid() == comment.Id, $"{who} sees the comment");
            await recorder.WaitFor(e => e.Type == LiveEventTypes.ReviewSubmitted && e.ObjectId == proposal.Id.ToString() && e.ActorId == mariaId, $"{who} sees maria's review");
            await recorder.WaitFor(e => e.Type == LiveEventTypes.PlaybookPublished && e.ObjectId == playbookId.ToString(), $"{who} sees the publish");
            // Events come through the tenant and the proposal group; each seq is delivered once, in order.
            var seqs = recorder.Committed(Tenant).Select(e => e.Seq).ToList();
            seqs.ShouldBe(seqs.Order().Distinct().ToList());
            seqs.Zip(seqs.Skip(1), (a, b) => b - a).ShouldAllBe(step => step == 1);
        }
    }

    [Fact]
    public async Task A_client_that_was_disconnected_catches_up_by_seq_and_ends_with_the_same_events_as_one_that_stayed()
    {
        var mariaApi = await host.SignedIn(Maria);
        var samApi = await host.SignedIn(Sam);
        var chrisApi = await host.SignedIn(Chris);
        var playbookId = (await chrisApi.ListPlaybooksAsync(Tenant)).Items[0].Id;

        await using var steady = await host.Live(mariaApi);
        await using var away = await host.Live(samApi);
        await steady.Client.JoinTenantAsync(Tenant);
        await away.Client.JoinTenantAsync(Tenant, afterSeq: steady.Client.LastSeq(Tenant));

        var proposal = await chrisApi.CreateProposalAsync(Tenant, playbookId, new CreateProposalRequest("Gap probe"));
        await steady.WaitFor(e => e.Type == LiveEventTypes.ProposalCreated && e.ObjectId == proposal.Id.ToString(), "steady sees the proposal");
        await away.WaitFor(e => e.Type == LiveEventTypes.ProposalCreated && e.ObjectId == proposal.Id.ToString(), "away sees the proposal");

        await away.Client.DisconnectAsync();
        var revision = proposal.Revision;
        for (var i = 1; i <= 3; i++)
            revision = (await chrisApi.UpdateProposalAsync(Tenant, proposal.Id, revision, new UpdateProposalRequest(Title: $"Gap probe {i}"))).Revision;
        await chrisApi.AddCommentAsync(Tenant, proposal.Id, new CreateCommentRequest("while sam was away"));
        await steady.WaitFor(e => e.Type == LiveEventTypes.CommentAdded && e.ObjectId == proposal.Id.ToString(), "steady sees the comment");
        away.Committed(Tenant).ShouldNotContain(e => e.Type == LiveEventTypes.CommentAdded);

        await away.Client.ConnectAsync();
        var last = await chrisApi.AddCommentAsync(Tenant, proposal.Id, new CreateCommentRequest("welcome back"));
        bool IsLast(LiveEventDto e) => e.Type == LiveEventTypes.CommentAdded && e.Data!.Value.GetProperty("commentId").GetGuid() == last.Id;
        await steady.WaitFor(IsLast, "steady sees the last comment");
        await away.WaitFor(IsLast, "away sees the last comment");

        var expected = steady.Committed(Tenant).Select(Key).ToList();
        var actual = away.Committed(Tenant).Select(Key).ToList();
        actual.ShouldBe(expected);
        expected.Count.ShouldBe(6);
        expected.Select(k => k.Seq).Zip(expected.Skip(1).Select(k => k.Seq), (a, b) => b - a).ShouldAllBe(step => step == 1);
        away.Client.LastSeq(Tenant).ShouldBe(steady.Client.LastSeq(Tenant));
    }

    [Fact]
    public async Task A_client_that_sees_a_gap_in_seq_fetches_the_missed_events_and_delivers_them_in_order()
    {
        var mariaApi = await host.SignedIn(Maria);
        var samApi = await host.SignedIn(Sam);
        var chrisApi = await host.SignedIn(Chris);
        var playbookId = (await chrisApi.ListPlaybooksAsync(Tenant)).Items[0].Id;
        Guid tenantId;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
            tenantId = await scope.ServiceProvider.GetRequiredService<IAppDbContext>().Tenants.Where(t => t.Slug == Tenant).Select(t => t.Id).SingleAsync();
        var hub = host.Factory.Services.GetRequiredService<IHubContext<AlignmentHub, IAlignmentClient>>();

        await using var steady = await host.Live(mariaApi);
        await using var lossy = await host.Live(samApi);
        await steady.Client.JoinTenantAsync(Tenant);
        await lossy.Client.JoinTenantAsync(Tenant, afterSeq: steady.Client.LastSeq(Tenant));

        // The lossy connection silently misses what is broadcast while it is out of the tenant's group.
        // Events go to the tenant's per-permission groups (decision 0033).
        foreach (var permission in LiveEventPermissions.Distinct)
            await hub.Groups.RemoveFromGroupAsync(lossy.Client.ConnectionId!, AlignmentHub.TenantPermissionGroup(tenantId, permission));
        var proposal = await chrisApi.CreateProposalAsync(Tenant, playbookId, new CreateProposalRequest("Lossy probe"));
        var edited = await chrisApi.UpdateProposalAsync(Tenant, proposal.Id, proposal.Revision, new UpdateProposalRequest(Title: "Lossy probe 2"));
        await steady.WaitFor(e => e.Type == LiveEventTypes.ProposalUpdated && e.Revision == edited.Revision && e.ObjectId == proposal.Id.ToString(), "steady sees the edit");
        lossy.Committed(Tenant).ShouldBeEmpty();

        foreach (var permission in LiveEventPermissions.Distinct)
            await hub.Groups.AddToGroupAsync(lossy.Client.ConnectionId!, AlignmentHub.TenantPermissionGroup(tenantId, permission));
        var comment = await chrisApi.AddCommentAsync(Tenant, proposal.Id, new CreateCommentRequest("after the gap"));
        bool IsComment(LiveEventDto e) => e.Type == LiveEventTypes.CommentAdded && e.Data!.Value.GetProperty("commentId").GetGuid() == comment.Id;
        await steady.WaitFor(IsComment, "steady sees the comment");
        await lossy.WaitFor(IsComment, "lossy sees the comment");

        var expected = steady.Committed(Tenant).Select(Key).ToList();
        lossy.Committed(Tenant).Select(Key).ToList().ShouldBe(expected);
        // Background work of the same tenant (re-scoring after another test's publish) may interleave its own events.
        expected.Select(k => k.Type).Where(t => t != LiveEventTypes.LeadsRescored)
            .ShouldBe([LiveEventTypes.ProposalCreated, LiveEventTypes.ProposalUpdated, LiveEventTypes.CommentAdded]);
    }

    [Fact]
    public async Task After_a_dropped_connection_the_client_reconnects_by_itself_rejoins_and_catches_up()
    {
        var mariaApi = await host.SignedIn(Maria);
        var samApi = await host.SignedIn(Sam);
        var chrisApi = await host.SignedIn(Chris);
        var playbookId = (await chrisApi.ListPlaybooksAsync(Tenant)).Items[0].Id;

        await using var steady = await host.Live(mariaApi);
        await using var dropped = await host.Live(samApi, retryDelays: [TimeSpan.FromSeconds(1)]);
        await steady.Client.JoinTenantAsync(Tenant);
        await dropped.Client.JoinTenantAsync(Tenant, afterSeq: steady.Client.LastSeq(Tenant));

        dropped.Sockets.Last().Abort();
        var proposal = await chrisApi.CreateProposalAsync(Tenant, playbookId, new CreateProposalRequest("Reconnect probe"));
        await chrisApi.AddCommentAsync(Tenant, proposal.Id, new CreateCommentRequest("while the connection was down"));
        await steady.WaitFor(e => e.Type == LiveEventTypes.CommentAdded && e.ObjectId == proposal.Id.ToString(), "steady sees the comment");
        dropped.Committed(Tenant).ShouldBeEmpty("the connection was down");

        var deadline = DateTime.UtcNow + LiveRecorder.Patience;
        while (dropped.Sockets.Count < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        dropped.Sockets.Count.ShouldBe(2, "the client reconnected by itself");
        var last = await chrisApi.AddCommentAsync(Tenant, proposal.Id, new CreateCommentRequest("after the reconnect"));
        bool IsLast(LiveEventDto e) => e.Type == LiveEventTypes.CommentAdded && e.Data!.Value.GetProperty("commentId").GetGuid() == last.Id;
        await steady.WaitFor(IsLast, "steady sees the last comment");
        await dropped.WaitFor(IsLast, "the reconnected client sees the last comment");

        var expected = steady.Committed(Tenant).Select(Key).ToList();
        dropped.Committed(Tenant).Select(Key).ToList().ShouldBe(expected);
        expected.Count.ShouldBe(3);
    }

    private static (long Seq, string Type, string? ObjectId, int? Revision) Key(LiveEventDto e) => (e.Seq, e.Type, e.ObjectId, e.Revision);
}
