using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Api.Hubs;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;
using SalesAlign.Domain.Live;

namespace SalesAlign.Api.Tests.Hubs;

/// <summary>Issue 10: each event type reaches only callers who may read it, over the hub and the catch-up route, and once per connection.</summary>
[Collection(nameof(ApiHost))]
public sealed class LiveEventAccessTests(ApiFactory factory)
{
    private static readonly string[] Everything = [.. LiveEventTypes.All];
    private static readonly string[] IntegrationReads = [LiveEventTypes.PlaybookPublished, LiveEventTypes.LeadsRescored, LiveEventTypes.LeadImportProgress];

    /// <summary>Who reads what, written out by hand (not derived from the code under test).</summary>
    public static TheoryData<string, string[]> Callers => new()
    {
        { "val@acme.example", Everything },          // viewer
        { "chris@acme.example", Everything },        // contributor
        { "maria@acme.example", Everything },        // approver (marketing)
        { "sam@acme.example", Everything },          // approver (sales)
        { "alex@northwind.example", Everything },    // admin (agency)
        { "integration", IntegrationReads },         // acme-crm
    };

    [Fact]
    public void Every_event_type_declares_the_permission_needed_to_read_it() =>
        LiveEventTypes.All.Where(t => LiveEventPermissions.For(t) is null).ShouldBeEmpty();

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task The_catch_up_route_returns_only_the_event_types_the_caller_may_read(string caller, string[] expected)
    {
        var client = caller == "integration" ? await factory.IntegrationClient() : await factory.ClientFor(caller);
        var (before, last) = await CommitOneOfEachAsync();

        var page = await (await client.GetAsync($"/api/v1/t/acme/events?after={before}&limit=500")).Json();
        var types = page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();

        types.ShouldBe(expected, ignoreOrder: true);
        // A page that ends on events the caller may not read still moves the cursor past them.
        var paged = await (await client.GetAsync($"/api/v1/t/acme/events?after={before}&limit={LiveEventTypes.All.Count - 1}")).Json();
        long.Parse(paged.GetProperty("nextCursor").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(last - 1);
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task The_hub_delivers_each_event_once_and_only_the_types_the_caller_may_read(string caller, string[] expected)
    {
        var proposalId = Guid.Parse((await RouteCatalog.IdsOf(factory, "acme"))["proposalId"]);
        var token = caller == "integration" ? await factory.IntegrationToken() : await factory.TokenFor(caller);
        await using var probe = await HubProbe.ConnectAsync(factory, token);
        await probe.Connection.InvokeAsync("JoinTenant", "acme");
        if (caller != "integration")
            await probe.Connection.InvokeAsync("JoinProposal", proposalId);
        var broadcaster = factory.Services.GetServices<ILiveEventTarget>().OfType<HubEventBroadcaster>().Single();
        var seq = 2_000_000L + Random.Shared.Next(1_000_000) * 100L;
        var events = LiveEventTypes.All.Select((t, i) => AlignmentHubTests.Event("acme", seq + i, t, proposalId)).ToList();
        var sentinel = AlignmentHubTests.Event("acme", seq + 99, LiveEventTypes.PlaybookPublished, null);

        await broadcaster.DeliverAsync(factory.Services, [.. events, sentinel]);
        var received = new List<LiveEventDto>();
        while (true)
        {
            var e = await probe.NextAsync(e => e.Seq >= seq, "the test's events");
            if (e.Seq == sentinel.Seq)
                break;
            received.Add(e);
        }

        received.Select(e => e.Type).ShouldBe(expected, ignoreOrder: true);
        received.Select(e => e.Seq).ShouldBeUnique();
    }

    private async Task<(long Before, long Last)> CommitOneOfEachAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var acme = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == "acme");
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Enter(acme.Id, acme.Slug);
        var before = await db.OutboxEvents.MaxAsync(e => (long?)e.Seq) ?? 0;
        var rows = LiveEventTypes.All.Select(t => new OutboxEvent
        {
            Id = Guid.CreateVersion7(),
            TenantId = acme.Id,
            Type = t,
            At = DateTimeOffset.UtcNow,
            ActorId = "test-actor",
            ObjectId = Guid.NewGuid().ToString(),
            DataJson = JsonSerializer.Serialize(new { test = true }),
        }).ToList();
        db.OutboxEvents.AddRange(rows);
        await db.SaveChangesAsync(CancellationToken.None);
        return (before, rows.Max(r => r.Seq));
    }
}
