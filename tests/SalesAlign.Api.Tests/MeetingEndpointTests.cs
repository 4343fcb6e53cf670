using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesAlign.Contracts.Meetings;
using SalesAlign.Contracts.Proposals;

namespace SalesAlign.Api.Tests;

[Collection(nameof(ApiHost))]
public sealed class MeetingEndpointTests(ApiFactory factory)
{
    private const string Meetings = "/api/v1/t/acme/meetings";

    private static async Task<Guid> PlaybookIdAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/t/acme/playbooks")).Json()).GetProperty("items")[0].GetProperty("id").GetGuid();

    private static async Task<JsonElement> PlanAsync(HttpClient client)
    {
        var created = await client.PostJson(Meetings, new CreateMeetingRequest(await PlaybookIdAsync(client), "Weekly alignment", DateTimeOffset.UtcNow.AddDays(3)));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return await created.Json();
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid meetingId, string? ifMatch, UpdateMeetingRequest body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"{Meetings}/{meetingId}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    private static Guid ItemFor(JsonElement meeting, Guid proposalId) =>
        meeting.GetProperty("agenda").EnumerateArray().First(i => i.GetProperty("proposal").GetProperty("id").GetGuid() == proposalId).GetProperty("id").GetGuid();

    [Fact]
    public async Task A_viewer_cannot_decide_while_an_approver_can_and_the_decision_is_audited()
    {
        var maria = await factory.ClientFor("maria@acme.example");
        var val = await factory.ClientFor("val@acme.example");
        var sam = await factory.ClientFor("sam@acme.example");
        var meeting = await PlanAsync(maria);
        var meetingId = meeting.GetProperty("id").GetGuid();
        var item = meeting.GetProperty("agenda")[0].GetProperty("id").GetGuid();

        var denied = await val.PostJson($"{Meetings}/{meetingId}/decisions", new RecordDecisionRequest(item, "defer"));
        var allowed = await sam.PostJson($"{Meetings}/{meetingId}/decisions", new RecordDecisionRequest(item, "defer", "Need impact numbers."));
        var audit = await (await sam.GetAsync("/api/v1/t/acme/audit")).Json();

        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await denied.ProblemCode()).ShouldBe("permission_denied");
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await allowed.Json()).GetProperty("agenda")[0].GetProperty("decision").GetString().ShouldBe("defer");
        audit.GetProperty("items").EnumerateArray()
            .ShouldContain(a => a.GetProperty("action").GetString() == "meeting.decision_recorded" && a.GetProperty("objectId").GetGuid() == meetingId);
    }

    [Fact]
    public async Task Edits_need_the_current_revision_a_whole_agenda_and_an_open_meeting()
    {
        var chris = await factory.ClientFor("chris@acme.example");
        var meeting = await PlanAsync(chris);
        var id = meeting.GetProperty("id").GetGuid();
        var items = meeting.GetProperty("agenda").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        items.ShouldNotBeEmpty();

        var missing = await PatchAsync(chris, id, null, new UpdateMeetingRequest(Title: "No precondition"));
        var partial = await PatchAsync(chris, id, "\"1\"", new UpdateMeetingRequest(Agenda: [.. items, Guid.NewGuid()]));
        var renamed = await PatchAsync(chris, id, "\"1\"", new UpdateMeetingRequest(Title: "Renamed", Agenda: [.. items.AsEnumerable().Reverse()]));
        var stale = await PatchAsync(chris, id, "\"1\"", new UpdateMeetingRequest(Title: "Stale"));
        var started = await PatchAsync(chris, id, "\"2\"", new UpdateMeetingRequest(Status: "inProgress"));
        var closed = await PatchAsync(chris, id, "\"3\"", new UpdateMeetingRequest(Status: "closed"));
        var afterClose = await PatchAsync(chris, id, "\"4\"", new UpdateMeetingRequest(Minutes: "Too late."));

        missing.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        partial.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await partial.Json()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["/agenda"]);
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);
        renamed.Headers.ETag!.Tag.ShouldBe("\"2\"");
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        started.StatusCode.ShouldBe(HttpStatusCode.OK);
        closed.StatusCode.ShouldBe(HttpStatusCode.OK);
        afterClose.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await afterClose.ProblemCode()).ShouldBe("meeting.closed");
    }

    [Fact]
    public async Task The_author_approving_their_own_proposal_in_a_meeting_is_refused_and_nothing_is_recorded()
    {
        var maria = await factory.ClientFor("maria@acme.example");
        var sam = await factory.ClientFor("sam@acme.example");
        var playbook = await PlaybookIdAsync(maria);
        var proposal = await (await maria.PostJson($"/api/v1/t/acme/playbooks/{playbook}/proposals", new CreateProposalRequest("Maria's own change"))).Json();
        var proposalId = proposal.GetProperty("id").GetGuid();
        (await maria.PostAsync($"/api/v1/t/acme/proposals/{proposalId}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var meeting = await PlanAsync(maria);
        var meetingId = meeting.GetProperty("id").GetGuid();
        var item = ItemFor(meeting, proposalId);

        var own = await maria.PostJson($"{Meetings}/{meetingId}/decisions", new RecordDecisionRequest(item, "approve"));
        var unchanged = await (await maria.GetAsync($"{Meetings}/{meetingId}")).Json();
        var bySam = await sam.PostJson($"{Meetings}/{meetingId}/decisions", new RecordDecisionRequest(item, "approve"));

        own.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await own.ProblemCode()).ShouldBe("proposal.self_review");
        unchanged.GetProperty("revision").GetInt32().ShouldBe(meeting.GetProperty("revision").GetInt32());
        var unchangedItem = unchanged.GetProperty("agenda").EnumerateArray().First(i => i.GetProperty("id").GetGuid() == item);
        // The API leaves nulls out of its bodies.
        (unchangedItem.TryGetProperty("decision", out var decision) ? decision.ValueKind : JsonValueKind.Null).ShouldBe(JsonValueKind.Null);
        unchangedItem.GetProperty("proposal").GetProperty("reviews").GetArrayLength().ShouldBe(0);
        bySam.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
