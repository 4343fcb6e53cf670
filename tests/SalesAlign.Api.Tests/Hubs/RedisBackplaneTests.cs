using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Api.Hubs;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;
using SalesAlign.Infrastructure.Seeding;
using Xunit.Abstractions;

namespace SalesAlign.Api.Tests.Hubs;

/// <summary>
/// The Redis server build/test.sh starts (SALESALIGN_TEST_REDIS). Under build/test.sh (SALESALIGN_TEST_RUN=1)
/// a missing server fails the test; elsewhere the test returns early and says why.
/// </summary>
public sealed class RedisFixture
{
    public const string Variable = "SALESALIGN_TEST_REDIS";

    public RedisFixture()
    {
        ConnectionString = Environment.GetEnvironmentVariable(Variable) ?? "";
        if (ConnectionString.Length > 0)
            return;
        if (Environment.GetEnvironmentVariable("SALESALIGN_TEST_RUN") == "1")
            throw new InvalidOperationException($"build/test.sh ran but {Variable} is not set: Redis did not start.");
        UnavailableBecause = $"{Variable} is not set; run build/test.sh to test the Redis backplane against a real Redis.";
    }

    public string ConnectionString { get; }

    public string? UnavailableBecause { get; }
}

/// <summary>One API instance on a real loopback port, with the Redis backplane, on a given SQLite file.</summary>
public sealed class BackplaneApiFactory : WebApplicationFactory<Program>
{
    private readonly string _databasePath;
    private readonly string _redis;
    private readonly string _channelPrefix;

    public BackplaneApiFactory(string databasePath, string redis, string channelPrefix)
    {
        (_databasePath, _redis, _channelPrefix) = (databasePath, redis, channelPrefix);
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:SalesAlign", $"Data Source={_databasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Redis:ConnectionString", _redis);
        builder.UseSetting("Redis:ChannelPrefix", _channelPrefix);
    }
}

public sealed class RedisBackplaneTests(RedisFixture redis, ITestOutputHelper output) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task A_client_on_instance_A_receives_an_event_delivered_through_instance_B()
    {
        if (redis.UnavailableBecause is { } reason)
        {
            output.WriteLine($"Not run: {reason}");
            return;
        }
        // One database for both instances (as in production), so tenant ids agree; A seeds it before B starts.
        var databasePath = Path.Combine(Path.GetTempPath(), $"salesalign-backplane-{Guid.NewGuid():N}.db");
        var prefix = $"salesalign-test-{Guid.NewGuid():N}";
        try
        {
            await using var a = new BackplaneApiFactory(databasePath, redis.ConnectionString, prefix);
            a.StartServer();
            await using var b = new BackplaneApiFactory(databasePath, redis.ConnectionString, prefix);
            b.StartServer();

            using var http = a.CreateClient();
            await using var maria = await HubProbe.ConnectAsync(http.BaseAddress!, await TokenAsync(http, "maria@acme.example"));
            await maria.Connection.InvokeAsync("JoinTenant", "acme");
            // The control that the two instances are distinct servers.
            using var httpB = b.CreateClient();
            httpB.BaseAddress.ShouldNotBe(http.BaseAddress);

            var e = AlignmentHubTests.Event("acme", 42, LiveEventTypes.PlaybookPublished, null);
            var broadcasterOfB = b.Services.GetServices<ILiveEventTarget>().OfType<HubEventBroadcaster>().Single();
            await broadcasterOfB.DeliverAsync(b.Services, [e]);

            (await maria.NextAsync()).ShouldBe(e, new AlignmentHubTests.LiveEventComparer());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(databasePath);
        }
    }

    [Fact]
    public async Task Presence_lists_people_connected_to_either_instance_and_drops_one_who_disconnects()
    {
        if (redis.UnavailableBecause is { } reason)
        {
            output.WriteLine($"Not run: {reason}");
            return;
        }
        var databasePath = Path.Combine(Path.GetTempPath(), $"salesalign-presence-{Guid.NewGuid():N}.db");
        var prefix = $"salesalign-test-{Guid.NewGuid():N}";
        try
        {
            await using var a = new BackplaneApiFactory(databasePath, redis.ConnectionString, prefix);
            a.StartServer();
            await using var b = new BackplaneApiFactory(databasePath, redis.ConnectionString, prefix);
            b.StartServer();
            using var httpA = a.CreateClient();
            using var httpB = b.CreateClient();
            var mariaToken = await TokenAsync(httpA, "maria@acme.example");
            var samToken = await TokenAsync(httpB, "sam@acme.example");
            var mariaId = await UserIdAsync(httpA, mariaToken);
            var samId = await UserIdAsync(httpB, samToken);
            var proposalId = await CreateProposalAsync(httpA, await TokenAsync(httpA, "chris@acme.example"));

            var maria = await HubProbe.ConnectAsync(httpA.BaseAddress!, mariaToken);
            await maria.Connection.InvokeAsync("JoinTenant", "acme");
            await maria.Connection.InvokeAsync("JoinProposal", proposalId);
            await using var sam = await HubProbe.ConnectAsync(httpB.BaseAddress!, samToken);
            await sam.Connection.InvokeAsync("JoinTenant", "acme");
            await sam.Connection.InvokeAsync("JoinProposal", proposalId);

            await sam.NextPresenceAsync(u => u.Contains((mariaId, "viewing")) && u.Contains((samId, "viewing")), "sam, on B, sees maria, on A");
            await maria.NextPresenceAsync(u => u.Contains((mariaId, "viewing")) && u.Contains((samId, "viewing")), "maria, on A, sees sam, on B");
            await maria.DisposeAsync();
            await sam.NextPresenceAsync(u => !u.Any(x => x.UserId == mariaId) && u.Contains((samId, "viewing")), "sam sees maria leave");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(databasePath);
        }
    }

    [Fact]
    public async Task A_member_removed_through_instance_B_leaves_the_groups_of_a_connection_on_instance_A()
    {
        if (redis.UnavailableBecause is { } reason)
        {
            output.WriteLine($"Not run: {reason}");
            return;
        }
        var databasePath = Path.Combine(Path.GetTempPath(), $"salesalign-access-{Guid.NewGuid():N}.db");
        var prefix = $"salesalign-test-{Guid.NewGuid():N}";
        try
        {
            await using var a = new BackplaneApiFactory(databasePath, redis.ConnectionString, prefix);
            a.StartServer();
            await using var b = new BackplaneApiFactory(databasePath, redis.ConnectionString, prefix);
            b.StartServer();
            using var httpA = a.CreateClient();
            using var httpB = b.CreateClient();
            var valToken = await TokenAsync(httpA, "val@acme.example");
            var valId = await UserIdAsync(httpA, valToken);
            var proposalId = await CreateProposalAsync(httpA, await TokenAsync(httpA, "chris@acme.example"));
            await using var val = await HubProbe.ConnectAsync(httpA.BaseAddress!, valToken);
            await using var sam = await HubProbe.ConnectAsync(httpA.BaseAddress!, await TokenAsync(httpA, "sam@acme.example"));
            await sam.Connection.InvokeAsync("JoinTenant", "acme");
            await sam.Connection.InvokeAsync("JoinProposal", proposalId);
            await val.Connection.InvokeAsync("JoinTenant", "acme");
            await val.Connection.InvokeAsync("JoinProposal", proposalId);
            await sam.NextPresenceAsync(u => u.Any(x => x.UserId == valId), "val joins");
            var broadcasterOfB = b.Services.GetServices<ILiveEventTarget>().OfType<HubEventBroadcaster>().Single();
            await broadcasterOfB.DeliverAsync(b.Services, [AlignmentHubTests.Event("acme", 10, LiveEventTypes.ProposalUpdated, proposalId)]);
            await val.NextAsync(e => e.Seq == 10, "control: val receives while a member");

            using var remove = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/t/acme/members/{valId}");
            remove.Headers.Authorization = new("Bearer", await TokenAsync(httpB, "alex@northwind.example"));
            (await httpB.SendAsync(remove)).IsSuccessStatusCode.ShouldBeTrue();

            // Instance A hears of the change over Redis and re-checks val's connection: val leaves the proposal.
            await sam.NextPresenceAsync(u => u.All(x => x.UserId != valId), "val removed on A");
            await broadcasterOfB.DeliverAsync(b.Services, [AlignmentHubTests.Event("acme", 11, LiveEventTypes.ProposalUpdated, proposalId),
                AlignmentHubTests.Event("acme", 12, LiveEventTypes.PlaybookPublished, null)]);
            await sam.NextAsync(e => e.Seq == 12, "sam still receives");
            await Should.ThrowAsync<TimeoutException>(() => val.NextAsync(e => e.Seq > 10, "nothing after removal"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(databasePath);
        }
    }

    private static async Task<string> UserIdAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("user").GetProperty("id").GetString()!;
    }

    private static async Task<Guid> CreateProposalAsync(HttpClient http, string token)
    {
        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/v1/t/acme/playbooks");
        list.Headers.Authorization = new("Bearer", token);
        using var playbooks = await http.SendAsync(list);
        var playbookId = JsonDocument.Parse(await playbooks.Content.ReadAsStringAsync()).RootElement.GetProperty("items")[0].GetProperty("id").GetGuid();
        using var create = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/t/acme/playbooks/{playbookId}/proposals")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new SalesAlign.Contracts.Proposals.CreateProposalRequest("Presence probe")),
        };
        create.Headers.Authorization = new("Bearer", token);
        using var created = await http.SendAsync(create);
        var body = await created.Content.ReadAsStringAsync();
        created.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task<string> TokenAsync(HttpClient http, string email)
    {
        var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "salesalign-cli",
            ["username"] = email,
            ["password"] = DemoDataSeeder.DefaultPassword,
            ["scope"] = "api",
        }));
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }
}
