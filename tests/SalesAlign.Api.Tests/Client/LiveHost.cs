using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using SalesAlign.Client;
using SalesAlign.Contracts.Live;

namespace SalesAlign.Api.Tests.Client;

/// <summary>
/// A host of its own (own SQLite file) with the outbox dispatcher on and polling fast, so committed changes
/// reach the hub as in production. SDK clients talk to it over the in-memory test server.
/// </summary>
public sealed class LiveHost : IAsyncLifetime
{
    private ApiFactory Base { get; } = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = Base.WithWebHostBuilder(b =>
        {
            b.UseSetting("Outbox:Dispatch", "true");
            b.UseSetting("Outbox:PollInterval", "00:00:00.050");
        });
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    /// <summary>An API client signed in through the SDK's password grant.</summary>
    public async Task<SalesAlignClient> SignedIn(string email)
    {
        var api = new SalesAlignClient(Factory.CreateClient());
        await api.SignInAsync(email, ApiFactory.Password);
        return api;
    }

    /// <summary>A live client over the test server (negotiate, then WebSockets), already connected.</summary>
    public async Task<LiveRecorder> Live(SalesAlignClient api, IReadOnlyList<TimeSpan>? retryDelays = null)
    {
        var server = Factory.Server;
        var sockets = new ConcurrentQueue<System.Net.WebSockets.WebSocket>();
        var live = new SalesAlignLiveClient(api, o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.HttpMessageHandlerFactory = _ => server.CreateHandler();
            // The in-memory WebSocket client sends no headers: pass the token as a browser does, on the query string.
            o.WebSocketFactory = async (context, ct) =>
            {
                var separator = string.IsNullOrEmpty(context.Uri.Query) ? "?" : "&";
                var uri = new Uri(context.Uri + separator + "access_token=" + Uri.EscapeDataString(api.AccessToken!));
                var socket = await server.CreateWebSocketClient().ConnectAsync(uri, ct);
                sockets.Enqueue(socket);
                return socket;
            };
        }, retryDelays);
        await live.ConnectAsync();
        return new LiveRecorder(live, sockets);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Base.DisposeAsync();
    }
}

[CollectionDefinition(nameof(LiveApiHost))]
public sealed class LiveApiHost : ICollectionFixture<LiveHost>;

/// <summary>Records what a live client delivers and waits for events.</summary>
public sealed class LiveRecorder : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<LiveEventDto> _events = new();

    public LiveRecorder(SalesAlignLiveClient client, ConcurrentQueue<System.Net.WebSockets.WebSocket> sockets)
    {
        Client = client;
        Sockets = sockets;
        client.EventReceived += (_, e) => _events.Enqueue(e);
    }

    public SalesAlignLiveClient Client { get; }

    /// <summary>Every WebSocket the client opened, oldest first (abort the last one to drop the connection).</summary>
    public ConcurrentQueue<System.Net.WebSockets.WebSocket> Sockets { get; }

    public IReadOnlyList<LiveEventDto> Events => [.. _events];

    /// <summary>The events with a seq (not presence) of a tenant, in delivery order.</summary>
    public IReadOnlyList<LiveEventDto> Committed(string tenant) => [.. _events.Where(e => e.Seq > 0 && e.Tenant == tenant)];

    public async Task<LiveEventDto> WaitFor(Func<LiveEventDto, bool> match, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var found = _events.FirstOrDefault(match);
            if (found is not null)
                return found;
            await Task.Delay(20);
        }
        throw new TimeoutException($"No event within {Patience.TotalSeconds} s: {what}");
    }

    public Task<LiveEventDto> WaitForPresence(Func<IReadOnlyList<(string UserId, string Mode)>, bool> match, string what) =>
        WaitFor(e => e.Type == LiveEventTypes.PresenceChanged && match(Hubs.HubProbe.Users(e)), what);

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
