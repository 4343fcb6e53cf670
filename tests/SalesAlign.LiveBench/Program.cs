using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Proposals;

// Load driver of build/bench-live.sh: connects many SignalR clients to one tenant, then alternates a bare hub
// broadcast (no command, no outbox) with a real change through HTTP (a comment, dispatched by the outbox), and
// reports how long each event took to reach every client. Usage:
//   SalesAlign.LiveBench <server-url> [clients=1000] [rounds=20] [tenant=acme]
var server = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:5098");
var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
var tenant = args.Length > 3 ? args[3] : "acme";
const string Password = "Align-Demo-2026!";
string[] members = ["maria@acme.example", "sam@acme.example", "chris@acme.example", "val@acme.example", "alex@northwind.example"];

using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
var tokens = new List<string>();
foreach (var email in members)
    tokens.Add(await TokenAsync(email));
var chris = tokens[2];

var before = await MemoryAsync();
var bench = new Bench(clients);
var connections = new HubConnection[clients];
var connectWatch = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
{
    var token = tokens[i % tokens.Count];
    var connection = new HubConnectionBuilder()
        .WithUrl(new Uri(server, "hubs/alignment"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .Build();
    connection.ServerTimeout = TimeSpan.FromMinutes(2);
    connection.On<LiveEventDto>("Event", e => bench.Received(i, e));
    await connection.StartAsync(ct);
    await connection.InvokeAsync("JoinTenant", tenant, ct);
    connections[i] = connection;
});
connectWatch.Stop();
var after = await MemoryAsync();
Console.WriteLine($"connected and joined {clients} clients in {connectWatch.Elapsed.TotalSeconds:0.0} s");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"server memory: GC heap {Mb(before.GcHeapBytes)} -> {Mb(after.GcHeapBytes)} MB, working set {Mb(before.WorkingSetBytes)} -> {Mb(after.WorkingSetBytes)} MB"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"per connection: GC heap {(after.GcHeapBytes - before.GcHeapBytes) / (double)clients / 1024:0.0} KB, working set {(after.WorkingSetBytes - before.WorkingSetBytes) / (double)clients / 1024:0.0} KB"));

// A proposal to comment on; its proposalCreated event doubles as the first warm-up of the dispatch path.
var playbooks = await GetJsonAsync($"api/v1/t/{tenant}/playbooks", chris);
var playbookId = playbooks.GetProperty("items")[0].GetProperty("id").GetGuid();
var commentsUrl = "";
var padding = 200;
await bench.RoundAsync(LiveEventTypes.ProposalCreated, async () =>
{
    var proposal = await PostJsonAsync($"api/v1/t/{tenant}/playbooks/{playbookId}/proposals", new CreateProposalRequest("Live benchmark"), chris);
    commentsUrl = $"api/v1/t/{tenant}/proposals/{proposal.GetProperty("id").GetGuid()}/comments";
});
var comment = await bench.RoundAsync(LiveEventTypes.CommentAdded, () => PostJsonAsync(commentsUrl, new CreateCommentRequest("warm-up"), chris));
// The bare broadcast carries as many bytes as the comment's event, so the two differ only in the path behind them.
padding = Math.Max(0, comment.Data?.GetRawText().Length ?? 0);
for (var i = 0; i < 3; i++)
{
    await bench.RoundAsync("benchmark", () => BroadcastAsync(padding));
    await bench.RoundAsync(LiveEventTypes.CommentAdded, () => PostJsonAsync(commentsUrl, new CreateCommentRequest("warm-up"), chris));
}
bench.Reset();

for (var round = 0; round < rounds; round++)
{
    await bench.RoundAsync("benchmark", () => BroadcastAsync(padding));
    await Task.Delay(100);
    await bench.RoundAsync(LiveEventTypes.CommentAdded,
        () => PostJsonAsync(commentsUrl, new CreateCommentRequest($"round {round.ToString(CultureInfo.InvariantCulture)}"), chris));
    await Task.Delay(100);
}

Console.WriteLine();
Console.WriteLine($"{rounds} rounds x {clients} clients; latency from the event's server timestamp to receipt at each client (ms)");
Console.WriteLine($"{"path",-34} {"samples",8} {"p50",8} {"p99",8} {"max",8}");
var bare = bench.Report("bare hub broadcast", "benchmark", fromSend: false);
var real = bench.Report("comment via HTTP + outbox", LiveEventTypes.CommentAdded, fromSend: false);
Console.WriteLine("latency from the driver sending the HTTP request to receipt at each client (ms)");
var bareSend = bench.Report("bare hub broadcast", "benchmark", fromSend: true);
var realSend = bench.Report("comment via HTTP + outbox", LiveEventTypes.CommentAdded, fromSend: true);
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio comment/bare (event timestamp): p50 {real.P50 / bare.P50:0.00}x, p99 {real.P99 / bare.P99:0.00}x"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio comment/bare (from send):       p50 {realSend.P50 / bareSend.P50:0.00}x, p99 {realSend.P99 / bareSend.P99:0.00}x"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"goal p99 <= 100 ms at {clients} clients (from send): {(realSend.P99 <= 100 ? "met" : "NOT met")} ({realSend.P99:0.0} ms)"));

foreach (var connection in connections)
    await connection.DisposeAsync();
return 0;

async Task<string> TokenAsync(string email)
{
    using var form = new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "password", ["client_id"] = "salesalign-cli", ["username"] = email, ["password"] = Password, ["scope"] = "api",
    });
    using var response = await http.PostAsync(new Uri("connect/token", UriKind.Relative), form);
    response.EnsureSuccessStatusCode();
    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    return json.RootElement.GetProperty("access_token").GetString()!;
}

async Task<Memory> MemoryAsync() =>
    (await http.GetFromJsonAsync<Memory>(new Uri("bench/memory", UriKind.Relative), JsonSerializerOptions.Web))!;

async Task<JsonElement> GetJsonAsync(string path, string token)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
    return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}

async Task<JsonElement> PostJsonAsync<T>(string path, T body, string token)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body, options: JsonSerializerOptions.Web) };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
        throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {text}");
    return JsonDocument.Parse(text).RootElement.Clone();
}

async Task BroadcastAsync(int size)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"bench/hub-broadcast/{tenant}?size={size.ToString(CultureInfo.InvariantCulture)}", UriKind.Relative));
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", chris);
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
}

static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);

internal sealed record Memory(long GcHeapBytes, long WorkingSetBytes);

internal sealed record Stats(double P50, double P99, double Max);

/// <summary>One round = one event expected at every client; receipts are timed against the event's own timestamp and the send.</summary>
internal sealed class Bench(int clients)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<double>> _sinceEvent = [];
    private readonly Dictionary<string, List<double>> _sinceSend = [];
    private string? _type;
    private DateTimeOffset _sent;
    private double[] _eventLatency = [];
    private double[] _sendLatency = [];
    private int _received;
    private LiveEventDto? _sample;
    private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Received(int client, LiveEventDto e)
    {
        var now = DateTimeOffset.UtcNow;
        if (e.Type != Volatile.Read(ref _type))
            return;
        _eventLatency[client] = (now - e.At).TotalMilliseconds;
        _sendLatency[client] = (now - _sent).TotalMilliseconds;
        _sample ??= e;
        if (Interlocked.Increment(ref _received) == clients)
            _all.TrySetResult();
    }

    public async Task<LiveEventDto> RoundAsync(string type, Func<Task> act)
    {
        _eventLatency = new double[clients];
        _sendLatency = new double[clients];
        _received = 0;
        _sample = null;
        _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sent = DateTimeOffset.UtcNow;
        Volatile.Write(ref _type, type);
        await act();
        await _all.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Volatile.Write(ref _type, null);
        lock (_gate)
        {
            Add(_sinceEvent, type, _eventLatency);
            Add(_sinceSend, type, _sendLatency);
        }
        if (Verbose)
        {
            var sorted = _eventLatency.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {type,-16} first {sorted[0],7:0.0}  p50 {sorted[sorted.Length / 2],7:0.0}  max {sorted[^1],7:0.0} ms"));
        }
        return _sample!;
    }

    public static bool Verbose { get; } = Environment.GetEnvironmentVariable("LIVEBENCH_VERBOSE") == "1";

    public void Reset()
    {
        _sinceEvent.Clear();
        _sinceSend.Clear();
    }

    public Stats Report(string name, string type, bool fromSend)
    {
        var samples = (fromSend ? _sinceSend : _sinceEvent)[type].Order().ToList();
        double At(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        var stats = new Stats(At(0.50), At(0.99), samples[^1]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {samples.Count,8} {stats.P50,8:0.0} {stats.P99,8:0.0} {stats.Max,8:0.0}"));
        return stats;
    }

    private static void Add(Dictionary<string, List<double>> into, string type, double[] values)
    {
        if (!into.TryGetValue(type, out var list))
            into[type] = list = [];
        list.AddRange(values);
    }
}
