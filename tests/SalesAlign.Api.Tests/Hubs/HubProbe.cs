using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using SalesAlign.Contracts.Live;

namespace SalesAlign.Api.Tests.Hubs;

/// <summary>
/// One SignalR client of <c>/hubs/alignment</c> that records every event it receives. The token travels as
/// <c>access_token</c> on the query string, as a browser's WebSocket must send it.
/// </summary>
internal sealed class HubProbe : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<LiveEventDto> _events = Channel.CreateUnbounded<LiveEventDto>();

    private HubProbe(HubConnection connection)
    {
        Connection = connection;
        connection.On<LiveEventDto>("Event", e => _events.Writer.TryWrite(e));
    }

    public HubConnection Connection { get; }

    /// <summary>Over the in-memory test server, WebSockets only.</summary>
    public static async Task<HubProbe> ConnectAsync(WebApplicationFactory<Program> factory, string? token)
    {
        var server = factory.Server;
        var probe = new HubProbe(new HubConnectionBuilder()
            .WithUrl(HubUrl(server.BaseAddress, token), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.WebSocketFactory = async (context, ct) => await server.CreateWebSocketClient().ConnectAsync(context.Uri, ct);
            })
            .Build());
        await probe.Connection.StartAsync();
        return probe;
    }

    /// <summary>Over a real loopback socket (a Kestrel-backed factory).</summary>
    public static async Task<HubProbe> ConnectAsync(Uri baseAddress, string token)
    {
        var probe = new HubProbe(new HubConnectionBuilder()
            .WithUrl(HubUrl(baseAddress, token), o => o.Transports = HttpTransportType.WebSockets)
            .Build());
        await probe.Connection.StartAsync();
        return probe;
    }

    private static Uri HubUrl(Uri baseAddress, string? token) =>
        new(baseAddress, "hubs/alignment" + (token is null ? "" : "?access_token=" + Uri.EscapeDataString(token)));

    /// <summary>The next event matching <paramref name="match"/>, skipping others; fails after <see cref="Patience"/>.</summary>
    public async Task<LiveEventDto> NextAsync(Func<LiveEventDto, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(timeout.Token);
                if (match(e))
                    return e;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No event within {Patience.TotalSeconds} s: {what}");
        }
    }

    /// <summary>The next event of any kind (fails after <see cref="Patience"/>).</summary>
    public Task<LiveEventDto> NextAsync() => NextAsync(_ => true, "any event");

    public Task<LiveEventDto> NextPresenceAsync(Func<IReadOnlyList<(string UserId, string Mode)>, bool> match, string what) =>
        NextAsync(e => e.Type == LiveEventTypes.PresenceChanged && match(Users(e)), what);

    public static IReadOnlyList<(string UserId, string Mode)> Users(LiveEventDto e) =>
        e.Data!.Value.GetProperty("users").EnumerateArray()
            .Select(u => (u.GetProperty("userId").GetString()!, u.GetProperty("mode").GetString()!))
            .ToList();

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
