using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Api.Tests.Hubs;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Webhooks;

namespace SalesAlign.Api.Tests.Reliability;

/// <summary>
/// A webhook receiver that is down for a while, end to end: changes go through the API, the outbox dispatcher and
/// the delivery worker as in production (both running, polling fast). The host's clock is the system clock plus an
/// offset the test moves forward, so the real retry schedule (5 s, 30 s, …) passes in milliseconds while every
/// timer and poll runs in real time.
/// </summary>
public sealed class WebhookOutageTests : IAsyncLifetime
{
    private const string Tenant = "acme";

    private readonly OffsetClock _clock = new();
    private WebApplicationFactory<Program> _factory = null!;

    private ApiFactory Base { get; } = new();

    public Task InitializeAsync()
    {
        _factory = Base.WithWebHostBuilder(b =>
        {
            b.UseSetting("Outbox:Dispatch", "true");
            b.UseSetting("Outbox:PollInterval", "00:00:00.050");
            b.UseSetting("Webhooks:Deliver", "true");
            b.UseSetting("Webhooks:AllowPrivateNetworks", "true");
            b.UseSetting("Webhooks:PollInterval", "00:00:00.050");
            b.UseSetting("Webhooks:Timeout", "00:00:02");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock));
        });
        _ = _factory.Server;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_receiver_refusing_then_failing_then_back_gets_every_delivery_once_in_seq_order_with_valid_signatures_while_the_hub_never_waits()
    {
        var admin = await ClientFor("alex@northwind.example");
        var chris = await ClientFor("chris@acme.example");
        var port = ApiProcess.FreeLoopbackPort();
        var url = $"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}/hook"; // nothing listens there yet
        var created = await admin.PostJson($"/api/v1/t/{Tenant}/webhooks", new CreateWebhookRequest(url, null));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.Json();
        var webhookId = body.GetProperty("webhook").GetProperty("id").GetGuid();
        var secret = body.GetProperty("secret").GetString()!;
        await using var hub = await HubProbe.ConnectAsync(_factory, await Base.TokenFor("maria@acme.example"));
        await hub.Connection.InvokeAsync("JoinTenant", Tenant);
        var baseline = await HeadAsync(chris);

        // Four changes while the receiver is not even listening.
        var playbookId = (await (await chris.GetAsync($"/api/v1/t/{Tenant}/playbooks")).Json()).GetProperty("items")[0].GetProperty("id").GetGuid();
        var proposal = await (await chris.PostJson($"/api/v1/t/{Tenant}/playbooks/{playbookId}/proposals", new CreateProposalRequest("Outage probe"))).Json();
        var proposalId = proposal.GetProperty("id").GetGuid();
        var revision = proposal.GetProperty("revision").GetInt32();
        using (var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/t/{Tenant}/proposals/{proposalId}") { Content = System.Net.Http.Json.JsonContent.Create(new UpdateProposalRequest(Title: "Outage probe, edited")) })
        {
            patch.Headers.IfMatch.Add(new($"\"{revision.ToString(CultureInfo.InvariantCulture)}\""));
            (await chris.SendAsync(patch)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await chris.PostJson($"/api/v1/t/{Tenant}/proposals/{proposalId}/comments", new CreateCommentRequest("one"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await chris.PostJson($"/api/v1/t/{Tenant}/proposals/{proposalId}/comments", new CreateCommentRequest("two"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var expected = await EventsAfterAsync(chris, baseline);
        expected.Count.ShouldBe(4);

        // The hub does not wait for the receiver: every event is live at once.
        foreach (var e in expected)
            (await hub.NextAsync(x => x.Seq == e.Seq, $"hub event #{e.Seq}")).Type.ShouldBe(e.Type);

        // Attempt 1 of the oldest delivery: connection refused; the others wait behind it.
        var head = await Eventually(admin, webhookId, d => d.Any(x => x.Attempts == 1), "a first, refused attempt");
        head.Where(x => x.Attempts > 0).ShouldHaveSingleItem().Seq.ShouldBe(expected[0].Seq);
        head.Single(x => x.Attempts > 0).LastError!.ShouldContain("Connection");

        // Attempt 2, about 5 s later on the host's clock: the receiver listens but answers 503.
        await using var receiver = await WebhookReceiver.StartAsync(_clock, port);
        receiver.Secrets = [secret];
        receiver.Down = true;
        _clock.Advance(TimeSpan.FromSeconds(7));
        await Eventually(() => receiver.Requests.Count >= 1, "a second attempt that gets 503");
        (await Eventually(admin, webhookId, d => d.Any(x => x.Attempts == 2 && x.LastStatusCode == 503), "the 503 recorded"))
            .Where(x => x.Attempts > 0).Select(x => x.Seq).ShouldBe([expected[0].Seq]);

        // Back up; the third attempt is due about 30 s later.
        receiver.Down = false;
        _clock.Advance(TimeSpan.FromSeconds(40));
        await Eventually(() => receiver.Accepted.Count >= expected.Count, "every delivery accepted");
        var deliveries = await Eventually(admin, webhookId, d => d.All(x => x.Status == "succeeded"), "every delivery recorded as succeeded");

        receiver.Accepted.Select(r => r.Id).ShouldBe(expected.Select(e => $"{Tenant}:{e.Seq.ToString(CultureInfo.InvariantCulture)}"));
        receiver.Accepted.Select(r => r.Payload.GetProperty("type").GetString()).ShouldBe(expected.Select(e => e.Type));
        receiver.Requests.ShouldAllBe(r => r.Verified);
        receiver.Requests.Count.ShouldBe(expected.Count + 1, "one 503, then each delivery once");
        deliveries.OrderBy(d => d.Seq).Select(d => d.Attempts).ShouldBe([3, 1, 1, 1]);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await Base.DisposeAsync();
    }

    private async Task<HttpClient> ClientFor(string email)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await Base.TokenFor(email));
        return client;
    }

    private static async Task<long> HeadAsync(HttpClient client)
    {
        var items = await EventsAfterAsync(client, 0);
        return items.Count == 0 ? 0 : items[^1].Seq;
    }

    private static async Task<List<(long Seq, string Type)>> EventsAfterAsync(HttpClient client, long after)
    {
        var page = await (await client.GetAsync($"/api/v1/t/{Tenant}/events?after={after.ToString(CultureInfo.InvariantCulture)}&limit=500")).Json();
        return [.. page.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("seq").GetInt64(), e.GetProperty("type").GetString()!))];
    }

    private static async Task<IReadOnlyList<Delivery>> Eventually(HttpClient admin, Guid webhookId, Func<IReadOnlyList<Delivery>, bool> condition, string what)
    {
        IReadOnlyList<Delivery> last = [];
        await Eventually(() =>
        {
            var response = admin.GetAsync($"/api/v1/t/{Tenant}/webhooks/{webhookId}/deliveries").GetAwaiter().GetResult();
            var json = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement;
            last = [.. json.GetProperty("items").EnumerateArray().Select(d => new Delivery(
                d.GetProperty("eventSeq").GetInt64(), d.GetProperty("status").GetString()!, d.GetProperty("attempts").GetInt32(),
                d.TryGetProperty("lastStatusCode", out var code) ? code.GetInt32() : null,
                d.TryGetProperty("lastError", out var error) ? error.GetString() : null))];
            return condition(last);
        }, what);
        return last;
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not within 10 s: {what}");
            await Task.Delay(50);
        }
    }

    private sealed record Delivery(long Seq, string Status, int Attempts, int? LastStatusCode, string? LastError);
}

/// <summary>The system clock shifted by an offset the test moves forward; timers run in real time.</summary>
internal sealed class OffsetClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
