using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesAlign.Api.Tests;

/// <summary>The proposal workflow through HTTP, as a newcomer walks it with curl (README).</summary>
[Collection(nameof(ApiHost))]
public sealed class ProposalWorkflowApiTests(ApiFactory factory)
{
    private static async Task<string> PlaybookId(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/t/acme/playbooks")).Json()).GetProperty("items")[0].GetProperty("id").GetString()!;

    private static HttpRequestMessage Patch(string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        return request;
    }

    [Fact]
    public async Task Maria_drafts_sam_approves_maria_publishes_and_the_playbook_shows_the_new_version()
    {
        var maria = await factory.ClientFor("maria@acme.example");
        var sam = await factory.ClientFor("sam@acme.example");
        var playbookId = await PlaybookId(maria);
        var before = await (await maria.GetAsync($"/api/v1/t/acme/playbooks/{playbookId}")).Json();

        var created = await maria.PostJson($"/api/v1/t/acme/playbooks/{playbookId}/proposals", new { title = "Faster hand-off", rationale = "Leads cool off in a day." });
        var proposal = await created.Json();
        var url = $"/api/v1/t/acme/proposals/{proposal.GetProperty("id").GetString()}";
        var draft = JsonNode.Parse(proposal.GetProperty("draft").GetRawText())!;
        draft["handoff"]!["serviceLevelHours"] = 8;
        var edited = await maria.SendAsync(Patch(url, new { document = draft }, created.Headers.ETag!.Tag));
        var submitted = await maria.PostAsync($"{url}/submit", null);
        var selfReview = await maria.PostJson($"{url}/reviews", new { decision = "approve" });
        var approved = await sam.PostJson($"{url}/reviews", new { decision = "approve", comment = "8 hours is doable." });
        var published = await maria.PostJson($"{url}/publish", new { changeSummary = "SLA 24 → 8 hours" });
        var after = await (await maria.GetAsync($"/api/v1/t/acme/playbooks/{playbookId}")).Json();
        var diff = await (await maria.GetAsync($"/api/v1/t/acme/playbooks/{playbookId}/versions/{after.GetProperty("currentVersion").GetProperty("number").GetInt32() - 1}/diff/{after.GetProperty("currentVersion").GetProperty("number").GetInt32()}")).Json();

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        edited.StatusCode.ShouldBe(HttpStatusCode.OK);
        submitted.StatusCode.ShouldBe(HttpStatusCode.OK);
        selfReview.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await selfReview.ProblemCode()).ShouldBe("proposal.self_review");
        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await approved.Json()).GetProperty("status").GetString().ShouldBe("approved");
        published.StatusCode.ShouldBe(HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        after.GetProperty("currentVersion").GetProperty("number").GetInt32().ShouldBe(before.GetProperty("currentVersion").GetProperty("number").GetInt32() + 1);
        after.GetProperty("currentVersion").GetProperty("document").GetProperty("handoff").GetProperty("serviceLevelHours").GetDouble().ShouldBe(8);
        diff.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("description").GetString()).ShouldContain(d => d!.Contains("24 → 8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_edit_needs_if_match_and_a_stale_one_is_refused_with_412()
    {
        var chris = await factory.ClientFor("chris@acme.example");
        var created = await chris.PostJson($"/api/v1/t/acme/playbooks/{await PlaybookId(chris)}/proposals", new { title = "Concurrency probe" });
        var url = $"/api/v1/t/acme/proposals/{(await created.Json()).GetProperty("id").GetString()}";
        var etag = created.Headers.ETag!.Tag;

        var missing = await chris.SendAsync(Patch(url, new { title = "no if-match" }, null));
        var first = await chris.SendAsync(Patch(url, new { title = "first" }, etag));
        var stale = await chris.SendAsync(Patch(url, new { title = "second, from the old revision" }, etag));
        var current = await (await chris.GetAsync(url)).Json();

        missing.StatusCode.ShouldBe((HttpStatusCode)428);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await stale.ProblemCode()).ShouldBe("revision_stale");
        current.GetProperty("title").GetString().ShouldBe("first");
    }

    [Fact]
    public async Task A_JSON_Patch_changes_only_the_patched_part_of_the_draft_of_the_named_revision()
    {
        var chris = await factory.ClientFor("chris@acme.example");
        var created = await chris.PostJson($"/api/v1/t/acme/playbooks/{await PlaybookId(chris)}/proposals", new { title = "Patch probe" });
        var url = $"/api/v1/t/acme/proposals/{(await created.Json()).GetProperty("id").GetString()}";
        HttpRequestMessage PatchDoc(string patch, string etag)
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new StringContent(patch, Encoding.UTF8, "application/json-patch+json") };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
            return request;
        }

        var patched = await chris.SendAsync(PatchDoc("""[{"op":"replace","path":"/handoff/serviceLevelHours","value":12}]""", created.Headers.ETag!.Tag));
        var stale = await chris.SendAsync(PatchDoc("""[{"op":"replace","path":"/handoff/serviceLevelHours","value":6}]""", created.Headers.ETag!.Tag));
        var broken = await chris.SendAsync(PatchDoc("""[{"op":"remove","path":"/nothing/here"}]""", patched.Headers.ETag!.Tag));
        var invalid = await chris.SendAsync(PatchDoc("""[{"op":"replace","path":"/handoff/serviceLevelHours","value":-1}]""", patched.Headers.ETag!.Tag));
        var diff = await (await chris.GetAsync($"{url}/diff")).Json();

        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        broken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await broken.ProblemCode()).ShouldBe("patch_invalid");
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Json()).GetProperty("errors").EnumerateObject().ShouldContain(p => p.Name == "/document/handoff/serviceLevelHours");
        diff.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("path").GetString()).ShouldBe(["/handoff/serviceLevelHours"]);
    }

    [Fact]
    public async Task A_body_cannot_set_tenant_status_revision_approvals_or_author()
    {
        var chris = await factory.ClientFor("chris@acme.example");
        var playbookId = await PlaybookId(chris);

        var response = await chris.PostAsync($"/api/v1/t/acme/playbooks/{playbookId}/proposals", new StringContent(
            """{"title":"sneaky","status":"Approved","revision":99,"authorId":"someone","tenantId":"00000000-0000-0000-0000-000000000000","reviews":[]}""",
            Encoding.UTF8, "application/json"));
        var honest = await chris.PostJson($"/api/v1/t/acme/playbooks/{playbookId}/proposals", new { title = "honest" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemCode()).ShouldBe("malformed_request");
        honest.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await honest.Json()).GetProperty("status").GetString().ShouldBe("draft");
    }

    [Fact]
    public async Task An_unknown_review_decision_is_a_400_naming_it()
    {
        var sam = await factory.ClientFor("sam@acme.example");
        var chris = await factory.ClientFor("chris@acme.example");
        var created = await chris.PostJson($"/api/v1/t/acme/playbooks/{await PlaybookId(chris)}/proposals", new { title = "Decision probe" });
        var url = $"/api/v1/t/acme/proposals/{(await created.Json()).GetProperty("id").GetString()}";
        await chris.PostAsync($"{url}/submit", null);

        var response = await sam.PostJson($"{url}/reviews", new { decision = "maybe" });
        var control = await sam.PostJson($"{url}/reviews", new { decision = "requestChanges", comment = "Say why." });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("decision");
        control.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_invalid_draft_is_a_400_listing_every_problem_under_document()
    {
        var chris = await factory.ClientFor("chris@acme.example");
        var sample = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/api/v1/sample/playbook"))!;
        sample["icp"]!["gradeBands"]![0]!["min"] = 70;
        sample["scoring"]!["rules"]![0]!["eventType"] = "rocket_launch";

        var response = await chris.PostJson($"/api/v1/t/acme/playbooks/{await PlaybookId(chris)}/proposals", new { title = "broken", document = sample });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var paths = (await response.Json()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldAllBe(p => p.StartsWith("/document/", StringComparison.Ordinal));
        paths.ShouldContain("/document/scoring/rules/0/eventType");
        paths.Count.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task The_demo_proposal_waits_for_sales_and_says_so()
    {
        var val = await factory.ClientFor("val@acme.example");
        var playbookId = await PlaybookId(val);

        var list = await (await val.GetAsync($"/api/v1/t/acme/playbooks/{playbookId}/proposals?status=inReview")).Json();
        var demo = list.GetProperty("items").EnumerateArray().First(p => p.GetProperty("title").GetString()!.StartsWith("Count pricing-page", StringComparison.Ordinal));
        var detail = await (await val.GetAsync($"/api/v1/t/acme/proposals/{demo.GetProperty("id").GetString()}")).Json();

        detail.GetProperty("missingApprovals").EnumerateArray().ShouldHaveSingleItem().GetProperty("team").GetString().ShouldBe("sales");
        detail.GetProperty("reviews").EnumerateArray().ShouldHaveSingleItem().GetProperty("decision").GetString().ShouldBe("approve");
    }
}
