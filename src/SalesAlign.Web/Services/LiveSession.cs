using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;
using SalesAlign.Client;
using SalesAlign.Contracts.Live;

namespace SalesAlign.Web.Services;

/// <summary>The circuit's live events: one hub connection per circuit, shared by its pages.</summary>
public interface ILiveSession
{
    /// <summary>Raised on the live client's delivery loop for each event (once per tenant and seq); marshal to the renderer.</summary>
    event Action<LiveEventDto>? EventReceived;

    bool IsConnected { get; }

    Task JoinTenantAsync(string tenant, CancellationToken cancellationToken = default);

    Task JoinProposalAsync(Guid proposalId, CancellationToken cancellationToken = default);

    Task LeaveProposalAsync(Guid proposalId, CancellationToken cancellationToken = default);

    Task SetPresenceAsync(Guid proposalId, string mode, CancellationToken cancellationToken = default);
}

/// <summary>
/// Connects lazily through <see cref="IHubConnector"/> with the <see cref="SalesAlignLiveClient"/> every .NET client
/// uses (dedupe and catch-up by seq included). A failure to connect leaves the UI working without live updates.
/// </summary>
public sealed partial class LiveSession(IHubConnector connector, AuthenticationStateProvider auth, ILogger<LiveSession> logger) : ILiveSession, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SalesAlignLiveClient? _client;
    private bool _failed;

    public event Action<LiveEventDto>? EventReceived;

    public bool IsConnected => _client?.State == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected;

    public async Task JoinTenantAsync(string tenant, CancellationToken cancellationToken = default)
    {
        if (await ClientAsync(cancellationToken) is { } client)
            await TryAsync(() => client.JoinTenantAsync(tenant, cancellationToken: cancellationToken), "join tenant");
    }

    public async Task JoinProposalAsync(Guid proposalId, CancellationToken cancellationToken = default)
    {
        if (await ClientAsync(cancellationToken) is { } client)
            await TryAsync(() => client.JoinProposalAsync(proposalId, cancellationToken), "join proposal");
    }

    public async Task LeaveProposalAsync(Guid proposalId, CancellationToken cancellationToken = default)
    {
        if (_client is { } client && IsConnected)
            await TryAsync(() => client.LeaveProposalAsync(proposalId, cancellationToken), "leave proposal");
    }

    public async Task SetPresenceAsync(Guid proposalId, string mode, CancellationToken cancellationToken = default)
    {
        if (_client is { } client && IsConnected)
            await TryAsync(() => client.SetPresenceAsync(proposalId, mode, cancellationToken), "set presence");
    }

    private async Task<SalesAlignLiveClient?> ClientAsync(CancellationToken cancellationToken)
    {
        if (_client is not null || _failed)
            return _client;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_client is not null || _failed)
                return _client;
            var user = (await auth.GetAuthenticationStateAsync()).User;
            var client = connector.Create(user);
            if (client is null)
            {
                _failed = true;
                return null;
            }
            client.EventReceived += (_, e) => EventReceived?.Invoke(e);
            try
            {
                await client.ConnectAsync(cancellationToken);
            }
#pragma warning disable CA1031 // the UI works without live updates; say so in the log
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogConnectFailed(logger, ex);
                _failed = true;
                await client.DisposeAsync();
                return null;
            }
            _client = client;
            return client;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task TryAsync(Func<Task> action, string what)
    {
        try
        {
            await action();
        }
#pragma warning disable CA1031 // a refused join must not break the page; the page still works by reloading
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogHubCallFailed(logger, what, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { } client)
            await client.DisposeAsync();
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The web UI could not connect to the live hub; pages work without live updates.")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live hub call failed: {What}.")]
    private static partial void LogHubCallFailed(ILogger logger, string what, Exception exception);
}
