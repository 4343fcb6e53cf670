using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesAlign.Contracts.Webhooks;

namespace SalesAlign.Api.Tests.Reliability;

/// <summary>
/// A webhook receiver on a real loopback port, as an integration would run one: it checks every request's
/// Standard Webhooks signature with the code in Contracts at the moment it arrives, records it, and answers
/// 200, or 503 while <see cref="Down"/>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _requests = new();

    private WebhookReceiver(WebApplication app, TimeProvider clock)
    {
        _app = app;
        Clock = clock;
    }

    /// <summary>The receiver's clock for the timestamp check (a host on a shifted clock signs with its own time).</summary>
    public TimeProvider Clock { get; }

    /// <summary>The secrets signatures are checked against; set after registration, when the API shows the secret.</summary>
    public IReadOnlyList<string> Secrets { get; set; } = [];

    public bool Down { get; set; }

    public string Url { get; private set; } = "";

    public IReadOnlyList<ReceivedWebhook> Requests => [.. _requests];

    /// <summary>The requests answered 200, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. _requests.Where(r => r.Status == StatusCodes.Status200OK)];

    /// <param name="port">A loopback port, or 0 for any free one.</param>
    public static async Task<WebhookReceiver> StartAsync(TimeProvider? clock = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, clock ?? TimeProvider.System);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var verified = WebhookSignature.Verify(headers, body, receiver.Secrets, receiver.Clock.GetUtcNow());
            var status = receiver.Down ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            receiver._requests.Enqueue(new ReceivedWebhook(headers.GetValueOrDefault("webhook-id") ?? "", body, verified, status));
            return status == StatusCodes.Status200OK ? Results.Text("ok") : Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        // A host name, not the literal: registration refuses literal private addresses even where delivery may reach them.
        receiver.Url = $"{address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)}/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <param name="Id">The <c>webhook-id</c> header: <c>{tenant}:{seq}</c>.</param>
/// <param name="Verified">Whether the signature verified with the receiver's secrets when the request arrived.</param>
/// <param name="Status">What the receiver answered.</param>
public sealed record ReceivedWebhook(string Id, string Body, bool Verified, int Status)
{
    public long Seq => long.Parse(Id[(Id.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    public JsonElement Payload => JsonDocument.Parse(Body).RootElement;
}
