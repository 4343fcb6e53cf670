using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SalesAlign.Contracts.Scoring;

namespace SalesAlign.Api.Tests;

[Collection(nameof(ApiHost))]
public sealed class SampleScoringEndpointTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<HttpResponseMessage> PostJson(string json) =>
        _client.PostAsync("/api/v1/sample/score", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> Problem(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Health_live_answers_healthy()
    {
        var response = await _client.GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task A_posted_lead_is_scored_with_its_explanation()
    {
        var response = await PostJson("""
            {"lead":{"externalId":"L-1","fields":{"seniority":"VP","companySize":800,"industry":"Software"},
             "events":[{"type":"demo_requested","occurredAt":"2026-11-20T10:00:00Z"}]},
             "asOf":"2026-11-23T12:00:00Z"}
            """);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await response.Content.ReadFromJsonAsync<ScoreLeadsResponse>())!;
        var score = body.Results.ShouldHaveSingleItem();
        score.ExternalId.ShouldBe("L-1");
        score.FitScore.ShouldBe(50);
        score.FitGrade.ShouldBe("B");
        score.EngagementScore.ShouldBe(40);
        score.IsMql.ShouldBeTrue();
        score.Route.ShouldBe("sales");
        score.Explanation.ShouldContain(h => h.Kind == "engagement" && h.RuleId == "demo" && h.Points == 40);
        body.PlaybookHash.Length.ShouldBe(64);
    }

    [Fact]
    public async Task A_batch_is_scored_in_order()
    {
        var response = await PostJson("""{"leads":[{"externalId":"a","fields":{"seniority":"C-Level"}},{"externalId":"b"}]}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await response.Content.ReadFromJsonAsync<ScoreLeadsResponse>())!;
        body.Results.Select(r => r.ExternalId).ShouldBe(["a", "b"]);
        body.Results[0].FitScore.ShouldBe(20);
        body.Results[1].FitScore.ShouldBe(0);
    }

    [Fact]
    public async Task Every_problem_with_every_lead_is_reported_with_its_path()
    {
        var response = await PostJson("""{"leads":[{"fields":{"companySize":"big"}},{"fields":{"ghost":1},"events":[{"type":"rocket","occurredAt":"2026-01-01T00:00:00Z"}]}]}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await Problem(response);
        problem.GetProperty("code").GetString().ShouldBe("validation_failed");
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)
            .ShouldBe(["/leads/0/fields/companySize", "/leads/1/fields/ghost", "/leads/1/events/0/type"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("""{"lead":{"fields":{""", "malformed_request")]
    [InlineData("""{"leed":{}}""", "malformed_request")]
    [InlineData("""{"lead":{"fields":{}},"asOf":"yesterday"}""", "malformed_request")]
    [InlineData("""{}""", "validation_failed")]
    [InlineData("""{"lead":{},"leads":[{}]}""", "validation_failed")]
    [InlineData("""{"leads":[]}""", "validation_failed")]
    [InlineData("""{"lead":{"events":[{"type":"demo_requested"}]}}""", "malformed_request")]
    public async Task Bad_requests_get_a_400_problem_naming_what_is_wrong(string json, string code)
    {
        var response = await PostJson(json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await Problem(response);
        problem.GetProperty("code").GetString().ShouldBe(code);
        problem.GetProperty("type").GetString()!.ShouldEndWith(code);
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused()
    {
        var leads = string.Join(',', Enumerable.Repeat("{}", 1001));

        var response = await PostJson($$"""{"leads":[{{leads}}]}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(response)).GetProperty("errors").GetProperty("/leads").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task The_sample_playbook_is_served_as_json()
    {
        var response = await _client.GetAsync("/api/v1/sample/playbook");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        doc.GetProperty("schemaVersion").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_scoring_route()
    {
        var json = await _client.GetStringAsync("/openapi/v1.json");

        json.ShouldContain("/api/v1/sample/score");
    }
}
