using System.Net;
using System.Text.Json;
using SalesAlign.Contracts.Meetings;

namespace SalesAlign.Api.Tests;

[Collection(nameof(ApiHost))]
public sealed class EventEndpointTests(ApiFactory factory)
{
    private const string Events = "/api/v1/t/acme/events";

    private static async Task<long> LastSeqAsync(HttpClient client)
    {
        long last = 0;
        while (true)
        {
            var page = await (await client.GetAsync($"{Events}?after={last}&limit=500")).Json();
            var items = page.GetProperty("items");
            if (items.GetArrayLength() > 0)
                last = items[items.GetArrayLength() - 1].GetProperty("seq").GetInt64();
            // The API omits null properties, so the last page has no nextCursor at all.
            if (!page.TryGetProperty("nextCursor", out var cursor) || cursor.ValueKind == JsonValueKind.Null)
                return last;
        }
    }

    [Fact]
    public async Task A_client_catches_up_with_what_committed_after_the_seq_it_last_saw()
    {
        var maria = await factory.ClientFor("maria@acme.example");
        var before = await LastSeqAsync(maria);
        var playbookId = (await (await maria.GetAsync("/api/v1/t/acme/playbooks")).Json()).GetProperty("items")[0].GetProperty("id").GetGuid();

        var created = await maria.PostJson("/api/v1/t/acme/meetings", new CreateMeetingRequest(playbookId, "Catch-up check", DateTimeOffset.UtcNow.AddDays(1)));
        var meetingId = (await created.Json()).GetProperty("id").GetGuid();
        var response = await maria.GetAsync($"{Events}?after={before}");
        var missed = (await response.Json()).GetProperty("items");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        missed.GetArrayLength().ShouldBe(1);
        missed[0].GetProperty("seq").GetInt64().ShouldBe(before + 1);
        missed[0].GetProperty("type").GetString().ShouldBe("meetingUpdated");
        missed[0].GetProperty("tenant").GetString().ShouldBe("acme");
        missed[0].GetProperty("objectId").GetString().ShouldBe(meetingId.ToString());
        missed[0].GetProperty("revision").GetInt32().ShouldBe(1);
    }
}
