using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace SalesAlign.Api.Tests;

/// <summary>
/// Limits that Kestrel itself enforces (request line, headers), on real Kestrel: the answer is a problem with a
/// code, not Kestrel's empty body, and ordinary requests pass.
/// </summary>
public sealed class KestrelProblemAnswerTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    private HttpClient Client()
    {
        factory.StartServer();
        return factory.CreateClient();
    }

    [Fact]
    public async Task A_long_cursor_gets_a_414_problem_and_a_real_cursor_is_read()
    {
        using var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, "chris@acme.example"));
        var first = await (await client.GetAsync("/api/v1/t/acme/leads?limit=1")).Json();
        var cursor = first.GetProperty("nextCursor").GetString()!;

        var tooLong = await client.GetAsync($"/api/v1/t/acme/leads?cursor={new string('A', 20_000)}");
        var real = await client.GetAsync($"/api/v1/t/acme/leads?limit=1&cursor={Uri.EscapeDataString(cursor)}");

        tooLong.StatusCode.ShouldBe(HttpStatusCode.RequestUriTooLong);
        tooLong.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await tooLong.ProblemCode()).ShouldBe("uri_too_long");
        real.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Headers_over_the_limit_get_a_431_problem_and_ordinary_headers_pass()
    {
        using var client = Client();
        using var huge = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sample/playbook");
        huge.Headers.TryAddWithoutValidation("X-Padding", new string('p', 40_000));
        using var ordinary = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sample/playbook");
        ordinary.Headers.TryAddWithoutValidation("X-Padding", new string('p', 2_000));

        var refused = await client.SendAsync(huge);
        var read = await client.SendAsync(ordinary);

        refused.StatusCode.ShouldBe(HttpStatusCode.RequestHeaderFieldsTooLarge);
        refused.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await refused.ProblemCode()).ShouldBe("headers_too_large");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_a_413_problem_and_a_small_one_is_read()
    {
        using var kestrel = Client();
        // As a well-behaved large upload does: wait for the server's verdict before streaming the body.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }) { BaseAddress = kestrel.BaseAddress };
        client.DefaultRequestHeaders.ExpectContinue = true;
        var huge = new StringContent("{\"leads\":[" + string.Join(',', Enumerable.Repeat("{\"externalId\":\"" + new string('x', 1000) + "\"}", 5000)) + "]}", Encoding.UTF8, "application/json");

        var refused = await client.PostAsync("/api/v1/sample/score", huge);
        var read = await client.PostAsync("/api/v1/sample/score", new StringContent("{\"lead\":{}}", Encoding.UTF8, "application/json"));

        refused.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        refused.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await refused.ProblemCode()).ShouldBe("payload_too_large");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<string> TokenAsync(HttpClient client, string email)
    {
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "salesalign-cli",
            ["username"] = email,
            ["password"] = ApiFactory.Password,
            ["scope"] = "api",
        }));
        return (await response.Json()).GetProperty("access_token").GetString()!;
    }
}

/// <summary>Bad media types, methods and JSON texts: each a problem with a code (and a JSON Pointer), beside an accepted twin.</summary>
[Collection(nameof(ApiHost))]
public sealed class ProblemAnswerTests(ApiFactory factory)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task ShouldBeProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await response.ProblemCode()).ShouldBe(code);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_gets_a_415_problem_and_JSON_is_read()
    {
        var client = factory.CreateClient();

        var refused = await client.PostAsync("/api/v1/sample/score", new StringContent("{\"lead\":{}}", Encoding.UTF8, "text/plain"));
        var read = await client.PostAsync("/api/v1/sample/score", Json("{\"lead\":{}}"));

        await ShouldBeProblem(refused, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_method_the_route_does_not_serve_gets_a_405_problem_and_the_served_one_answers()
    {
        var client = factory.CreateClient();

        var refused = await client.DeleteAsync("/api/v1/sample/playbook");
        var read = await client.GetAsync("/api/v1/sample/playbook");

        await ShouldBeProblem(refused, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_duplicate_key_is_refused_with_its_pointer_in_any_body_and_the_same_key_once_is_read()
    {
        var client = factory.CreateClient();
        var chris = await factory.ClientFor("chris@acme.example");
        var playbook = (await (await chris.GetAsync("/api/v1/t/acme/playbooks")).Json()).GetProperty("items")[0].GetProperty("id").GetGuid();

        var sample = await client.PostAsync("/api/v1/sample/score", Json("""{"lead":{"externalId":"a","externalId":"b"}}"""));
        var nested = await chris.PostAsync($"/api/v1/t/acme/playbooks/{playbook}/proposals", Json("""{"title":"Twice","document":{"name":"x","name":"y"}}"""));
        var once = await client.PostAsync("/api/v1/sample/score", Json("""{"lead":{"externalId":"a"}}"""));

        await ShouldBeProblem(sample, HttpStatusCode.BadRequest, "duplicate_property");
        (await sample.Json()).GetProperty("errors").TryGetProperty("/lead/externalId", out _).ShouldBeTrue();
        await ShouldBeProblem(nested, HttpStatusCode.BadRequest, "duplicate_property");
        (await nested.Json()).GetProperty("problems")[0].GetProperty("path").GetString().ShouldBe("/document/name");
        once.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_NUL_or_escape_character_in_text_is_refused_with_its_pointer_while_tabs_and_newlines_are_stored()
    {
        var client = factory.CreateClient();
        var omar = await factory.ClientFor("omar@globex.example");
        var slug = $"cc-{Guid.NewGuid():N}"[..12];

        var nul = await omar.PostAsync("/api/v1/tenants", Json($$"""{"slug":"{{slug}}","name":"Ini\u0000tech"}"""));
        var inFields = await client.PostAsync("/api/v1/sample/score", Json("""{"leads":[{"externalId":"a"},{"fields":{"title":"VP\u001b[2J"}}]}"""));
        var created = await omar.PostAsync("/api/v1/tenants", Json($$"""{"slug":"{{slug}}","name":"Initech"}"""));
        var comment = await CommentAsync(omar, slug, "First line\nSecond line\twith a tab\r\n");

        await ShouldBeProblem(nul, HttpStatusCode.BadRequest, "control_character");
        (await nul.Json()).GetProperty("problems")[0].GetProperty("path").GetString().ShouldBe("/name");
        await ShouldBeProblem(inFields, HttpStatusCode.BadRequest, "control_character");
        (await inFields.Json()).GetProperty("problems")[0].GetProperty("path").GetString().ShouldBe("/leads/1/fields/title");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        comment.ShouldBe("First line\nSecond line\twith a tab\r\n");
    }

    /// <summary>A comment on a fresh proposal in the tenant, read back as stored.</summary>
    private static async Task<string> CommentAsync(HttpClient client, string slug, string text)
    {
        var sample = await (await client.GetAsync("/api/v1/sample/playbook")).Content.ReadAsStringAsync();
        var playbook = await (await client.PostAsync($"/api/v1/t/{slug}/playbooks", Json($$"""{"name":"Funnel","document":{{sample}}}"""))).Json();
        var proposal = await (await client.PostAsync($"/api/v1/t/{slug}/playbooks/{playbook.GetProperty("id").GetString()}/proposals", Json("""{"title":"Notes"}"""))).Json();
        var url = $"/api/v1/t/{slug}/proposals/{proposal.GetProperty("id").GetString()}/comments";
        (await client.PostAsync(url, Json(System.Text.Json.JsonSerializer.Serialize(new { body = text })))).StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await (await client.GetAsync(url)).Json()).GetProperty("items")[0].GetProperty("body").GetString()!;
    }
}
