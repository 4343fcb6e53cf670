using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesAlign.Api.Tests.Hubs;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Webhooks;
using SalesAlign.Infrastructure.Webhooks;

namespace SalesAlign.Api.Tests;

[Collection(nameof(ApiHost))]
public sealed class WebhookTests(ApiFactory factory)
{
    private const string AcmeWebhooks = "/api/v1/t/acme/webhooks";
    private const string Admin = "alex@northwind.example";

    [Fact]
    public async Task Registration_refuses_bad_urls_and_unknown_event_types()
    {
        var admin = await factory.ClientFor(Admin);

        foreach (var url in new[] { "not a url", "ftp://example.com/hook", "/relative", "http://10.0.0.5/hook", "http://[::1]/hook", "http://169.254.169.254/latest" })
            (await admin.PostJson(AcmeWebhooks, new CreateWebhookRequest(url, null))).StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
        (await admin.PostJson(AcmeWebhooks, new CreateWebhookRequest("https://example.com/hook", ["proposalExploded"]))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_an_admin_registers_and_the_secret_is_shown_once()
    {
        var approver = await factory.ClientFor("maria@acme.example");
        var admin = await factory.ClientFor(Admin);

        var denied = await approver.PostJson(AcmeWebhooks, new CreateWebhookRequest("https://example.com/denied", null));
        (await approver.GetAsync(AcmeWebhooks)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var created = await admin.PostJson(AcmeWebhooks, new CreateWebhookRequest("https://example.com/allowed", [LiveEventTypes.PlaybookPublished]));

        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.Json();
        var secret = body.GetProperty("secret").GetString()!;
        secret.ShouldStartWith("whsec_");
        var id = body.GetProperty("webhook").GetProperty("id").GetGuid();
        var list = await (await admin.GetAsync(AcmeWebhooks)).Content.ReadAsStringAsync();
        list.ShouldContain(id.ToString());
        list.ShouldNotContain(secret["whsec_".Length..]);
        list.ShouldNotContain("secret", Case.Insensitive);
        (await admin.DeleteAsync($"{AcmeWebhooks}/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.GetAsync($"{AcmeWebhooks}/{id}/deliveries")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_target_records_deliveries_only_for_subscribed_types_and_the_events_tenant()
    {
        var admin = await factory.ClientFor(Admin);
        var acme = await CreateAsync(admin, "acme", "https://example.com/acme", [LiveEventTypes.ProposalCreated]);
        var globex = await CreateAsync(admin, "globex", "https://example.com/globex", null);
        var seq = NewSeq();
        try
        {
            await Target().DeliverAsync(factory.Services, [Event("acme", seq, LiveEventTypes.ProposalCreated), Event("acme", seq + 1, LiveEventTypes.CommentAdded), Event("globex", seq + 2, LiveEventTypes.CommentAdded)]);

            var acmeDeliveries = await DeliveriesAsync(admin, "acme", acme.Id);
            acmeDeliveries.Select(d => (d.GetProperty("eventSeq").GetInt64(), d.GetProperty("eventType").GetString())).ShouldBe([(seq, LiveEventTypes.ProposalCreated)]);
            acmeDeliveries[0].GetProperty("status").GetString().ShouldBe("pending");
            var globexDeliveries = await DeliveriesAsync(admin, "globex", globex.Id);
            globexDeliveries.Select(d => d.GetProperty("eventSeq").GetInt64()).ShouldBe([seq + 2]);
        }
        finally
        {
            await admin.DeleteAsync($"/api/v1/t/acme/webhooks/{acme.Id}");
            await admin.DeleteAsync($"/api/v1/t/globex/webhooks/{globex.Id}");
        }
    }

    [Fact]
    public async Task The_worker_delivers_a_signed_event_that_the_receiver_verifies()
    {
        await using var receiver = await Receiver.StartAsync();
        var admin = await factory.ClientFor(Admin);
        var webhook = await CreateAsync(admin, "acme", receiver.Url, null);
        var clock = new FakeClock(DateTimeOffset.UtcNow.AddMinutes(1)); // after the target's system-clock timestamps, so they are due
        var seq = NewSeq();
        try
        {
            await Target().DeliverAsync(factory.Services, [Event("acme", seq, LiveEventTypes.PlaybookPublished)]);

            await RunWorkerAsync(Worker(clock, allowPrivateNetworks: true));

            var received = receiver.Requests.ShouldHaveSingleItem();
            received.Headers["webhook-id"].ShouldBe($"acme:{seq}");
            WebhookSignature.Verify(received.Headers, received.Body, [webhook.Secret], clock.GetUtcNow()).ShouldBeTrue();
            JsonDocument.Parse(received.Body).RootElement.GetProperty("seq").GetInt64().ShouldBe(seq);
            var delivery = (await DeliveriesAsync(admin, "acme", webhook.Id)).ShouldHaveSingleItem();
            delivery.GetProperty("status").GetString().ShouldBe("succeeded");
            delivery.GetProperty("attempts").GetInt32().ShouldBe(1);
            delivery.GetProperty("lastStatusCode").GetInt32().ShouldBe(200);
            delivery.GetProperty("responseExcerpt").GetString().ShouldBe("ok");
        }
        finally
        {
            await admin.DeleteAsync($"{AcmeWebhooks}/{webhook.Id}");
        }
    }

    [Fact]
    public async Task A_receiver_that_is_down_then_back_gets_the_event_after_retries_with_backoff_and_every_signature_verifies()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Down = true;
        var admin = await factory.ClientFor(Admin);
        var webhook = await CreateAsync(admin, "acme", receiver.Url, null);
        var clock = new FakeClock(DateTimeOffset.UtcNow.AddMinutes(1)); // after the target's system-clock timestamps, so they are due
        var worker = Worker(clock, allowPrivateNetworks: true);
        var seq = NewSeq();
        try
        {
            await Target().DeliverAsync(factory.Services, [Event("acme", seq, LiveEventTypes.ProposalUpdated)]);

            await RunWorkerAsync(worker);
            var first = (await DeliveriesAsync(admin, "acme", webhook.Id)).ShouldHaveSingleItem();
            first.GetProperty("status").GetString().ShouldBe("pending");
            first.GetProperty("lastStatusCode").GetInt32().ShouldBe(503);
            first.GetProperty("lastError").GetString()!.ShouldContain("503");
            var wait = first.GetProperty("nextAttemptAt").GetDateTimeOffset() - clock.GetUtcNow();
            wait.ShouldBeInRange(TimeSpan.FromSeconds(3.9), TimeSpan.FromSeconds(6.1));

            await RunWorkerAsync(worker); // not due yet: nothing is sent
            receiver.Requests.Count.ShouldBe(1);
            clock.Advance(TimeSpan.FromSeconds(7));
            await RunWorkerAsync(worker);
            var second = (await DeliveriesAsync(admin, "acme", webhook.Id)).ShouldHaveSingleItem();
            (second.GetProperty("nextAttemptAt").GetDateTimeOffset() - clock.GetUtcNow()).ShouldBeInRange(TimeSpan.FromSeconds(23.9), TimeSpan.FromSeconds(36.1));

            receiver.Down = false;
            clock.Advance(TimeSpan.FromMinutes(1));
            await RunWorkerAsync(worker);

            var done = (await DeliveriesAsync(admin, "acme", webhook.Id)).ShouldHaveSingleItem();
            done.GetProperty("status").GetString().ShouldBe("succeeded");
            done.GetProperty("attempts").GetInt32().ShouldBe(3);
            receiver.Requests.Count.ShouldBe(3);
            receiver.Requests.Select(r => r.Headers["webhook-id"]).Distinct().ShouldBe([$"acme:{seq}"]);
            foreach (var request in receiver.Requests)
                WebhookSignature.Verify(request.Headers, request.Body, [webhook.Secret], request.ReceivedAt).ShouldBeTrue();
        }
        finally
        {
            await admin.DeleteAsync($"{AcmeWebhooks}/{webhook.Id}");
        }
    }

    [Fact]
    public async Task The_ssrf_guard_refuses_a_loopback_receiver_when_private_networks_are_not_allowed()
    {
        await using var receiver = await Receiver.StartAsync();
        var admin = await factory.ClientFor(Admin);
        // Registration accepts the host name; the guard must catch what it resolves to, at connect time.
        var webhook = await CreateAsync(admin, "acme", receiver.Url, null);
        var clock = new FakeClock(DateTimeOffset.UtcNow.AddMinutes(1)); // after the target's system-clock timestamps, so they are due
        try
        {
            await Target().DeliverAsync(factory.Services, [Event("acme", NewSeq(), LiveEventTypes.ProposalCreated)]);

            await RunWorkerAsync(Worker(clock, allowPrivateNetworks: false));

            receiver.Requests.ShouldBeEmpty();
            var delivery = (await DeliveriesAsync(admin, "acme", webhook.Id)).ShouldHaveSingleItem();
            delivery.GetProperty("status").GetString().ShouldBe("pending");
            delivery.GetProperty("lastError").GetString()!.ShouldContain("non-public");

            // Control: the same delivery goes through when private networks are allowed.
            clock.Advance(TimeSpan.FromMinutes(1));
            await RunWorkerAsync(Worker(clock, allowPrivateNetworks: true));
            receiver.Requests.Count.ShouldBe(1);
        }
        finally
        {
            await admin.DeleteAsync($"{AcmeWebhooks}/{webhook.Id}");
        }
    }

    [Fact]
    public async Task After_rotation_deliveries_verify_with_the_old_and_the_new_secret()
    {
        await using var receiver = await Receiver.StartAsync();
        var admin = await factory.ClientFor(Admin);
        var webhook = await CreateAsync(admin, "acme", receiver.Url, null);
        try
        {
            var rotated = await admin.PostAsync($"{AcmeWebhooks}/{webhook.Id}/rotate-secret", null);
            rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
            var newSecret = (await rotated.Json()).GetProperty("secret").GetString()!;
            await Target().DeliverAsync(factory.Services, [Event("acme", NewSeq(), LiveEventTypes.CommentAdded)]);
            var clock = new FakeClock(DateTimeOffset.UtcNow.AddMinutes(1));

            await RunWorkerAsync(Worker(clock, allowPrivateNetworks: true));

            newSecret.ShouldNotBe(webhook.Secret);
            var received = receiver.Requests.ShouldHaveSingleItem();
            received.Headers["webhook-signature"].Split(' ').Length.ShouldBe(2);
            WebhookSignature.Verify(received.Headers, received.Body, [webhook.Secret], received.ReceivedAt).ShouldBeTrue();
            WebhookSignature.Verify(received.Headers, received.Body, [newSecret], received.ReceivedAt).ShouldBeTrue();
            (await (await admin.GetAsync(AcmeWebhooks)).Content.ReadAsStringAsync()).ShouldNotContain(newSecret["whsec_".Length..]);
        }
        finally
        {
            await admin.DeleteAsync($"{AcmeWebhooks}/{webhook.Id}");
        }
    }

    [Fact]
    public async Task An_admin_redelivers_a_delivery_with_the_same_id_while_an_approver_may_not()
    {
        await using var receiver = await Receiver.StartAsync();
        var admin = await factory.ClientFor(Admin);
        var approver = await factory.ClientFor("maria@acme.example");
        var webhook = await CreateAsync(admin, "acme", receiver.Url, null);
        var seq = NewSeq();
        try
        {
            await Target().DeliverAsync(factory.Services, [Event("acme", seq, LiveEventTypes.MeetingUpdated)]);
            var clock = new FakeClock(DateTimeOffset.UtcNow.AddMinutes(1));
            await RunWorkerAsync(Worker(clock, allowPrivateNetworks: true));
            var deliveryId = (await DeliveriesAsync(admin, "acme", webhook.Id)).ShouldHaveSingleItem().GetProperty("id").GetGuid();
            var url = $"{AcmeWebhooks}/{webhook.Id}/deliveries/{deliveryId}/redeliver";

            (await approver.PostAsync(url, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await admin.PostAsync(url, null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            clock.Advance(TimeSpan.FromMinutes(1));
            await RunWorkerAsync(Worker(clock, allowPrivateNetworks: true));

            receiver.Requests.Count.ShouldBe(2);
            receiver.Requests.Select(r => r.Headers["webhook-id"]).Distinct().ShouldBe([$"acme:{seq}"]);
            var delivery = (await DeliveriesAsync(admin, "acme", webhook.Id)).ShouldHaveSingleItem();
            delivery.GetProperty("status").GetString().ShouldBe("succeeded");
            delivery.GetProperty("attempts").GetInt32().ShouldBe(1);
        }
        finally
        {
            await admin.DeleteAsync($"{AcmeWebhooks}/{webhook.Id}");
        }
    }

    private static long NewSeq() => Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);

    private static LiveEventDto Event(string tenant, long seq, string type) =>
        new(type, tenant, seq, DateTimeOffset.UtcNow, "user-1", Guid.NewGuid().ToString(), 1, null);

    private WebhookEventTarget Target() => factory.Services.GetServices<ILiveEventTarget>().OfType<WebhookEventTarget>().Single();

    private WebhookDeliveryWorker Worker(TimeProvider clock, bool allowPrivateNetworks) =>
        new(factory.Services.GetRequiredService<IServiceScopeFactory>(), factory.Services.GetRequiredService<IHttpClientFactory>(),
            Options.Create(new WebhookOptions { AllowPrivateNetworks = allowPrivateNetworks, Timeout = TimeSpan.FromSeconds(5) }),
            clock, factory.Services.GetRequiredService<ILogger<WebhookDeliveryWorker>>());

    private static async Task RunWorkerAsync(WebhookDeliveryWorker worker) => await Task.WhenAll(await worker.StartDueAsync(CancellationToken.None));

    private static async Task<(Guid Id, string Secret)> CreateAsync(HttpClient admin, string tenant, string url, IReadOnlyList<string>? types)
    {
        var response = await admin.PostJson($"/api/v1/t/{tenant}/webhooks", new CreateWebhookRequest(url, types));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Json();
        return (body.GetProperty("webhook").GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    private static async Task<List<JsonElement>> DeliveriesAsync(HttpClient admin, string tenant, Guid webhookId)
    {
        var response = await admin.GetAsync($"/api/v1/t/{tenant}/webhooks/{webhookId}/deliveries");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return [.. (await response.Json()).GetProperty("items").EnumerateArray()];
    }

    /// <summary>A real HTTP receiver on 127.0.0.1 that records what it gets, and answers 503 while "down".</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app) => _app = app;

        public ConcurrentQueue<ReceivedRequest> Queue { get; } = new();

        public IReadOnlyList<ReceivedRequest> Requests => [.. Queue];

        public bool Down { get; set; }

        public string Url { get; private set; } = "";

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hook", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                var timestamp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture));
                receiver.Queue.Enqueue(new ReceivedRequest(headers, body, timestamp));
                return receiver.Down ? Results.StatusCode(503) : Results.Text("ok");
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            // A host name, not the literal: registration refuses literal private addresses, and the worker's guard
            // must be what stops a name that resolves to one.
            receiver.Url = $"{address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)}/hook";
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <param name="ReceivedAt">The signing time: the worker runs on a fake clock, so the receiver verifies at that time.</param>
    private sealed record ReceivedRequest(Dictionary<string, string> Headers, string Body, DateTimeOffset ReceivedAt);
}
