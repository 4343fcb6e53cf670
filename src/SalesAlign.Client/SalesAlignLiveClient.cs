using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using SalesAlign.Contracts.Live;

namespace SalesAlign.Client;

/// <summary>
/// Live events of the SalesAlign hub (<c>/hubs/alignment</c>), delivered once per (tenant, seq) and in seq order.
/// The client remembers the last seq it delivered per tenant; after a reconnect, and whenever a live event
/// skips a seq, it fetches what it missed from <c>GET …/events?after=</c> and delivers it before newer events.
/// Presence events (seq 0) are delivered as they come.
/// </summary>
/// <remarks>
/// Receive events through <see cref="EventReceived"/> or <see cref="ReadEventsAsync"/> (or both); both see
/// the same sequence. Handlers run on the client's delivery loop, one at a time: don't block them.
/// </remarks>
public sealed class SalesAlignLiveClient : IAsyncDisposable
{
    /// <summary>The hub's path on the server.</summary>
    public const string HubPath = "hubs/alignment";

    private const int CatchUpPageSize = 500;

    private readonly SalesAlignClient _api;
    private readonly HubConnection _connection;
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<LiveEventDto> _out = Channel.CreateUnbounded<LiveEventDto>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ConcurrentDictionary<string, long> _lastSeq = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, string> _proposals = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump;

    /// <summary>
    /// A live client that authenticates with <paramref name="api"/>'s access token (sent as <c>access_token</c>
    /// for WebSockets) and catches up through <paramref name="api"/>.
    /// </summary>
    /// <param name="api">The signed-in API client; its base address is the server.</param>
    /// <param name="configure">Adjusts the connection (transports, handlers; used by in-memory test servers).</param>
    /// <param name="retryDelays">Delays between automatic reconnect attempts; null for SignalR's default (0, 2, 10, 30 s).</param>
    public SalesAlignLiveClient(SalesAlignClient api, Action<HttpConnectionOptions>? configure = null, IReadOnlyList<TimeSpan>? retryDelays = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(api.BaseAddress, HubPath), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult(_api.AccessToken);
                configure?.Invoke(o);
            });
        builder = retryDelays is null ? builder.WithAutomaticReconnect() : builder.WithAutomaticReconnect([.. retryDelays]);
        _connection = builder.Build();
        _connection.On<LiveEventDto>("Event", e => _work.Writer.TryWrite(new Work(e, null, null)));
        _connection.Reconnected += _ => RejoinAsync(_stopping.Token);
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Raised for every delivered event, in order, once per (tenant, seq); presence events too.</summary>
    public event EventHandler<LiveEventDto>? EventReceived;

    /// <summary>Raised when a catch-up failed (the events route could not be read); delivery continues with newer events.</summary>
    public event EventHandler<Exception>? CatchUpFailed;

    /// <summary>The state of the underlying hub connection.</summary>
    public HubConnectionState State => _connection.State;

    /// <summary>The hub connection's id while connected (changes on every reconnect).</summary>
    public string? ConnectionId => _connection.ConnectionId;

    /// <summary>The last seq delivered for <paramref name="tenant"/>, or null when none is known yet.</summary>
    public long? LastSeq(string tenant) => _lastSeq.TryGetValue(tenant, out var seq) ? seq : null;

    /// <summary>
    /// Connects. After <see cref="DisconnectAsync"/>, connecting again rejoins the tenants and proposals joined
    /// before and catches up on what was missed meanwhile.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
        await RejoinAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disconnects, keeping what was joined and the last seq per tenant for a later <see cref="ConnectAsync"/>.</summary>
    public Task DisconnectAsync(CancellationToken cancellationToken = default) => _connection.StopAsync(cancellationToken);

    /// <summary>
    /// Joins the tenant's live events. With <paramref name="afterSeq"/>, events after it are caught up first;
    /// without, delivery starts after the tenant's latest committed event (unless a seq is already known).
    /// Completes when the starting point is established.
    /// </summary>
    public async Task JoinTenantAsync(string slug, long? afterSeq = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        await _connection.InvokeAsync("JoinTenant", slug, cancellationToken).ConfigureAwait(false);
        _tenants[slug] = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Writer.TryWrite(new Work(null, slug, done) { AfterSeq = afterSeq, Baseline = true });
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Joins a proposal of a joined tenant: its events and presence; the caller shows as viewing it.</summary>
    public async Task JoinProposalAsync(Guid proposalId, CancellationToken cancellationToken = default)
    {
        await _connection.InvokeAsync("JoinProposal", proposalId, cancellationToken).ConfigureAwait(false);
        _proposals[proposalId] = "viewing";
    }

    /// <summary>Leaves a proposal (others see the caller leave).</summary>
    public async Task LeaveProposalAsync(Guid proposalId, CancellationToken cancellationToken = default)
    {
        _proposals.TryRemove(proposalId, out _);
        await _connection.InvokeAsync("LeaveProposal", proposalId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Says whether the caller is <c>viewing</c> or <c>editing</c> a joined proposal (kept across reconnects).</summary>
    public async Task SetPresenceAsync(Guid proposalId, string mode, CancellationToken cancellationToken = default)
    {
        await _connection.InvokeAsync("SetPresence", proposalId, mode, cancellationToken).ConfigureAwait(false);
        _proposals[proposalId] = mode;
    }

    /// <summary>The delivered events as a stream (one reader), in the same order as <see cref="EventReceived"/>.</summary>
    public async IAsyncEnumerable<LiveEventDto> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in _out.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return e;
    }

    /// <summary>Stops the connection and the delivery loop.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _work.Writer.TryComplete();
        await _connection.DisposeAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _out.Writer.TryComplete();
        _stopping.Dispose();
    }

    /// <summary>After a reconnect the server forgot our groups: join again, restore presence, then catch up.</summary>
    private async Task RejoinAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in _tenants.Keys)
            await _connection.InvokeAsync("JoinTenant", tenant, cancellationToken).ConfigureAwait(false);
        foreach (var (proposalId, mode) in _proposals)
        {
            await _connection.InvokeAsync("JoinProposal", proposalId, cancellationToken).ConfigureAwait(false);
            if (mode != "viewing")
                await _connection.InvokeAsync("SetPresence", proposalId, mode, cancellationToken).ConfigureAwait(false);
        }
        foreach (var tenant in _tenants.Keys)
            _work.Writer.TryWrite(new Work(null, tenant, null));
    }

    private async Task PumpAsync()
    {
        var ct = _stopping.Token;
        await foreach (var work in _work.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            try
            {
                if (work.Event is { } e)
                    await OnEventAsync(e, ct).ConfigureAwait(false);
                else if (work.Baseline)
                    await BaselineAsync(work.Tenant!, work.AfterSeq, ct).ConfigureAwait(false);
                else
                    await CatchUpAsync(work.Tenant!, ct).ConfigureAwait(false);
                work.Done?.TrySetResult();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                work.Done?.TrySetCanceled(ct);
                return;
            }
#pragma warning disable CA1031 // the loop must survive a failed catch-up or a throwing handler
            catch (Exception ex)
#pragma warning restore CA1031
            {
                work.Done?.TrySetException(ex);
                CatchUpFailed?.Invoke(this, ex);
            }
        }
    }

    private async Task OnEventAsync(LiveEventDto e, CancellationToken ct)
    {
        if (e.Seq <= 0)
        {
            Deliver(e);
            return;
        }
        if (!_lastSeq.TryGetValue(e.Tenant, out var last))
        {
            // No starting point yet (an event of a tenant joined elsewhere): start here.
            Advance(e);
            return;
        }
        if (e.Seq <= last)
            return;
        if (e.Seq > last + 1)
        {
            try
            {
                await CatchUpAsync(e.Tenant, ct).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // a failed catch-up must not lose the live event
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                CatchUpFailed?.Invoke(this, ex);
            }
        }
        if (e.Seq > _lastSeq.GetValueOrDefault(e.Tenant))
            Advance(e);
    }

    private async Task BaselineAsync(string tenant, long? afterSeq, CancellationToken ct)
    {
        if (afterSeq is { } after)
        {
            if (!_lastSeq.ContainsKey(tenant))
                _lastSeq[tenant] = after;
            await CatchUpAsync(tenant, ct).ConfigureAwait(false);
            return;
        }
        if (_lastSeq.ContainsKey(tenant))
        {
            await CatchUpAsync(tenant, ct).ConfigureAwait(false);
            return;
        }
        // Start after the latest committed event, without delivering history.
        long head = 0;
        while (true)
        {
            var page = await _api.GetEventsAsync(tenant, head, CatchUpPageSize, ct).ConfigureAwait(false);
            if (page.Items.Count > 0)
                head = page.Items[^1].Seq;
            if (page.NextCursor is null || page.Items.Count == 0)
                break;
        }
        _lastSeq[tenant] = head;
    }

    private async Task CatchUpAsync(string tenant, CancellationToken ct)
    {
        if (!_lastSeq.TryGetValue(tenant, out var last))
            return;
        while (true)
        {
            var page = await _api.GetEventsAsync(tenant, last, CatchUpPageSize, ct).ConfigureAwait(false);
            foreach (var missed in page.Items)
            {
                if (missed.Seq > last)
                {
                    Advance(missed);
                    last = missed.Seq;
                }
            }
            if (page.NextCursor is null || page.Items.Count == 0)
                return;
        }
    }

    private void Advance(LiveEventDto e)
    {
        _lastSeq[e.Tenant] = e.Seq;
        Deliver(e);
    }

    private void Deliver(LiveEventDto e)
    {
        _out.Writer.TryWrite(e);
        try
        {
            EventReceived?.Invoke(this, e);
        }
#pragma warning disable CA1031 // a subscriber's bug must not stop delivery to others
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private sealed record Work(LiveEventDto? Event, string? Tenant, TaskCompletionSource? Done)
    {
        public long? AfterSeq { get; init; }

        public bool Baseline { get; init; }
    }
}
