using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using SalesAlign.Api.Tests.Hubs;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Proposals;

namespace SalesAlign.Api.Tests.Reliability;

/// <summary>
/// With a poll interval of an hour, only the commit's signal can get an event out (decision 0013): with
/// <c>Outbox:WakeOnCommit</c> on it arrives at once; off, the same commit stays in the outbox.
/// </summary>
public sealed class WakeOnCommitTests
{
    [Fact]
    public async Task A_commit_wakes_the_dispatcher_and_without_the_signal_the_event_waits_for_the_next_poll()
    {
        var (woken, wokenCommitted) = await CommitWithHubClientAsync(wakeOnCommit: true, TimeSpan.FromSeconds(10));
        var (polled, polledCommitted) = await CommitWithHubClientAsync(wakeOnCommit: false, TimeSpan.FromSeconds(1.5));

        wokenCommitted.ShouldBeTrue();
        woken.ShouldNotBeNull().Type.ShouldBe(LiveEventTypes.ProposalCreated);
        polledCommitted.ShouldBeTrue();
        polled.ShouldBeNull();
    }

    /// <returns>The proposalCreated event the hub client got within <paramref name="patience"/> (or null), and whether the events route lists it.</returns>
    private static async Task<(LiveEventDto? Received, bool Committed)> CommitWithHubClientAsync(bool wakeOnCommit, TimeSpan patience)
    {
        await using var host = new ApiFactory();
        await using var factory = host.WithWebHostBuilder(b =>
        {
            b.UseSetting("Outbox:Dispatch", "true");
            b.UseSetting("Outbox:PollInterval", "01:00:00");
            b.UseSetting("Outbox:WakeOnCommit", wakeOnCommit ? "true" : "false");
        });
        var chris = factory.CreateClient();
        chris.DefaultRequestHeaders.Authorization = new("Bearer", await host.TokenFor("chris@acme.example"));
        await using var hub = await HubProbe.ConnectAsync(factory, await host.TokenFor("maria@acme.example"));
        var seen = new System.Collections.Concurrent.ConcurrentQueue<LiveEventDto>();
        using var subscription = hub.Connection.On<LiveEventDto>("Event", seen.Enqueue);
        await hub.Connection.InvokeAsync("JoinTenant", "acme");
        var playbookId = (await (await chris.GetAsync("/api/v1/t/acme/playbooks")).Json()).GetProperty("items")[0].GetProperty("id").GetGuid();

        var created = await chris.PostJson($"/api/v1/t/acme/playbooks/{playbookId}/proposals", new CreateProposalRequest("Wake probe"));

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Json()).GetProperty("id").GetString();
        LiveEventDto? received = null;
        var deadline = DateTime.UtcNow + patience;
        while (received is null && DateTime.UtcNow < deadline)
        {
            received = seen.FirstOrDefault(e => e.Type == LiveEventTypes.ProposalCreated && e.ObjectId == id);
            await Task.Delay(20);
        }
        var events = await (await chris.GetAsync("/api/v1/t/acme/events?after=0&limit=500")).Json();
        var committed = events.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("objectId").GetString() == id);
        return (received, committed);
    }
}
