using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using SalesAlign.Client;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Webhooks;
using Xunit.Abstractions;

namespace SalesAlign.Api.Tests.Reliability;

/// <summary>
/// The API process is killed (SIGKILL) after a publish committed and before anything was dispatched; the
/// restarted process delivers every event of the run, in seq order, to the hub and to a webhook receiver.
/// </summary>
/// <remarks>
/// Making "committed but not dispatched" deterministic: the first process runs with <c>Outbox:Dispatch=false</c>,
/// so no event of the run can leave it. After the kill, the run's first event is given a lease held by the dead
/// instance (as if it had claimed it and died mid-send), which keeps the restarted dispatcher from sending anything
/// of the run (it sends only an unbroken run from the oldest undispatched event) until the test has its hub client
/// joined; the test then lets the lease expire. So both crash shapes are covered: events never claimed, and events
/// claimed by an instance that died.
/// </remarks>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Tenant = "acme";
    private const string Password = ApiFactory.Password;

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"salesalign-crash-{Guid.NewGuid():N}.db");
    private readonly List<IAsyncDisposable> _cleanup = [];

    [Fact]
    public async Task After_a_kill_between_commit_and_dispatch_the_restarted_api_delivers_every_event_in_order_to_the_hub_and_the_webhook()
    {
        var port = ApiProcess.FreeLoopbackPort();
        var receiver = Track(await WebhookReceiver.StartAsync());
        var first = Track(await ApiProcess.StartAsync(port, _database, new Dictionary<string, string>
        {
            ["Outbox:Dispatch"] = "false",
            ["Webhooks:AllowPrivateNetworks"] = "true",
        }));
        using var http = new HttpClient { BaseAddress = first.BaseAddress };
        var alex = await SignedIn(http, "alex@northwind.example");
        var chris = await SignedIn(http, "chris@acme.example");
        var maria = await SignedIn(http, "maria@acme.example");
        var sam = await SignedIn(http, "sam@acme.example");
        receiver.Secrets = [await RegisterWebhookAsync(http, alex, receiver.Url)];
        var live = new SalesAlignLiveClient(maria, o => o.Transports = HttpTransportType.WebSockets,
            retryDelays: [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(200), 600)]);
        Track(live);
        var delivered = new ConcurrentQueue<LiveEventDto>();
        live.EventReceived += (_, e) => delivered.Enqueue(e);
        await live.ConnectAsync();
        await live.JoinTenantAsync(Tenant);
        var baseline = live.LastSeq(Tenant) ?? 0;

        // The run: everything from opening a proposal to publishing it, committed by a process that does not dispatch.
        var playbookId = (await chris.ListPlaybooksAsync(Tenant)).Items[0].Id;
        var proposal = await chris.CreateProposalAsync(Tenant, playbookId, new CreateProposalRequest("Crash probe", "Survives a kill."));
        var edited = await chris.UpdateProposalAsync(Tenant, proposal.Id, proposal.Revision, new UpdateProposalRequest(Title: "Crash probe, edited"));
        await chris.AddCommentAsync(Tenant, proposal.Id, new CreateCommentRequest("before the crash"));
        await chris.SubmitAsync(Tenant, proposal.Id, edited.Revision);
        await maria.ReviewAsync(Tenant, proposal.Id, new ReviewRequest("approve", "Marketing agrees."));
        await sam.ReviewAsync(Tenant, proposal.Id, new ReviewRequest("approve", "Sales agrees."));
        var published = await maria.PublishAsync(Tenant, proposal.Id, new PublishRequest("Crash probe published"));
        published.Proposal.PublishedVersion.ShouldNotBeNull();

        var expected = (await maria.GetEventsAsync(Tenant, baseline, 500)).Items;
        output.WriteLine($"run: {string.Join(", ", expected.Select(e => $"#{e.Seq} {e.Type}"))}");
        expected[0].Type.ShouldBe(LiveEventTypes.ProposalCreated);
        expected.ShouldContain(e => e.Type == LiveEventTypes.PlaybookPublished);
        var expectedSeqs = expected.Select(e => e.Seq).ToList();
        expectedSeqs.ShouldBe([.. Enumerable.Range(0, expected.Count).Select(i => baseline + 1 + i)], "the run's seqs are gap-free");
        (await UndispatchedAsync(baseline)).ShouldBe(expected.Count, "committed, none dispatched");
        delivered.Where(e => e.Seq > baseline).ShouldBeEmpty();

        await first.KillAsync();
        first.ExitCode.ShouldBe(137, "killed by SIGKILL");
        await LeaseToDeadInstanceAsync(expectedSeqs[0]);

        var second = Track(await ApiProcess.StartAsync(port, _database, new Dictionary<string, string>
        {
            ["Outbox:Dispatch"] = "true",
            ["Outbox:PollInterval"] = "00:00:00.050",
            ["Webhooks:Deliver"] = "true",
            ["Webhooks:AllowPrivateNetworks"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.100",
        }));
        var hub = Track(await HubRecorder.ConnectAsync(second.BaseAddress, maria.AccessToken!));
        await hub.Connection.InvokeAsync("JoinTenant", Tenant);
        await Task.Delay(TimeSpan.FromSeconds(1)); // 20 dispatcher polls
        (await UndispatchedAsync(baseline)).ShouldBe(expected.Count, "the dead instance's lease holds the run back");
        hub.Events.Where(e => e.Seq > baseline).ShouldBeEmpty();
        receiver.Accepted.Where(r => r.Seq > baseline).ShouldBeEmpty();

        await ExpireLeasesAsync();

        await Eventually(() => hub.Events.Count(e => e.Seq > baseline) >= expected.Count, "the hub client receives the run");
        await Eventually(() => receiver.Accepted.Count(r => r.Seq > baseline) >= expected.Count, "the webhook receiver accepts the run");
        await Eventually(() => delivered.Count(e => e.Seq > baseline) >= expected.Count, "the SDK client delivers the run");
        (await UndispatchedAsync(baseline)).ShouldBe(0);

        // The hub sent each event of the run once, in seq order, to a client that joined after the restart.
        hub.Events.Where(e => e.Seq > baseline).Select(e => (e.Seq, e.Type)).ShouldBe(expected.Select(e => (e.Seq, e.Type)));
        // The SDK client lived through the kill: it reconnected by itself and delivered each seq once, in order.
        live.State.ShouldBe(HubConnectionState.Connected);
        delivered.Where(e => e.Seq > baseline).Select(e => (e.Seq, e.Type)).ShouldBe(expected.Select(e => (e.Seq, e.Type)));
        // The receiver accepted each event once, in seq order, and every request it got was signed correctly.
        var accepted = receiver.Accepted.Where(r => r.Seq > baseline).ToList();
        accepted.Select(r => r.Id).ShouldBe(expectedSeqs.Select(s => $"{Tenant}:{s.ToString(CultureInfo.InvariantCulture)}"));
        accepted.Select(r => r.Payload.GetProperty("type").GetString()).ShouldBe(expected.Select(e => e.Type));
        receiver.Requests.ShouldAllBe(r => r.Verified);
        receiver.Requests.Where(r => r.Seq > baseline).Count().ShouldBe(expected.Count, "no retries, no repeats");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _cleanup.Count - 1; i >= 0; i--)
            await _cleanup[i].DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
            File.Delete(file);
    }

    private T Track<T>(T disposable) where T : IAsyncDisposable
    {
        _cleanup.Add(disposable);
        return disposable;
    }

    private static async Task<SalesAlignClient> SignedIn(HttpClient http, string email)
    {
        var api = new SalesAlignClient(http);
        await api.SignInAsync(email, Password);
        return api;
    }

    private static async Task<string> RegisterWebhookAsync(HttpClient http, SalesAlignClient admin, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/t/{Tenant}/webhooks")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new CreateWebhookRequest(url, null)),
        };
        request.Headers.Authorization = new("Bearer", admin.AccessToken);
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("secret").GetString()!;
    }

    private async Task<long> UndispatchedAsync(long after) =>
        (long)(await ScalarAsync($"""SELECT COUNT(*) FROM outbox_events WHERE "DispatchedAt" IS NULL AND "Seq" > {after} AND "TenantId" IN (SELECT "Id" FROM tenants WHERE "Slug" = '{Tenant}')"""))!;

    private async Task LeaseToDeadInstanceAsync(long seq) =>
        await ScalarAsync($"""
            UPDATE outbox_events SET "ClaimedBy" = 'killed-instance', "ClaimedUntil" = {DateTimeOffset.UtcNow.AddHours(1).UtcTicks}
            WHERE "Seq" = {seq} AND "TenantId" IN (SELECT "Id" FROM tenants WHERE "Slug" = '{Tenant}')
            """);

    private async Task ExpireLeasesAsync() =>
        await ScalarAsync($"""UPDATE outbox_events SET "ClaimedUntil" = {DateTimeOffset.UtcNow.AddMinutes(-1).UtcTicks} WHERE "ClaimedBy" = 'killed-instance'""");

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not within 30 s: {what}");
            await Task.Delay(50);
        }
    }
}

/// <summary>A bare SignalR client (no catch-up, no dedupe) over a real socket: it shows what the hub itself sent.</summary>
internal sealed class HubRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<LiveEventDto> _events = new();

    private HubRecorder(HubConnection connection)
    {
        Connection = connection;
        connection.On<LiveEventDto>("Event", e => _events.Enqueue(e));
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<LiveEventDto> Events => [.. _events];

    public static async Task<HubRecorder> ConnectAsync(Uri baseAddress, string token)
    {
        var recorder = new HubRecorder(new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/alignment"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build());
        await recorder.Connection.StartAsync();
        return recorder;
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
