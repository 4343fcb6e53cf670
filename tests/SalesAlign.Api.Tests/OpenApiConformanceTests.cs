using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Api.Tests.Hubs;
using SalesAlign.Contracts.Live;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Infrastructure.Webhooks;

namespace SalesAlign.Api.Tests;

/// <summary>
/// The OpenAPI document is a contract: every route of the API is called with realistic data and its real success
/// answer is validated against the response schema that /openapi/v1.json declares for it. A route that is added
/// without a call here, or an answer that stops matching its schema, fails the test.
/// </summary>
[Collection(nameof(ApiHost))]
public sealed partial class OpenApiConformanceTests(ApiFactory factory)
{
    [Fact]
    public async Task Every_route_is_called_and_every_success_answer_matches_its_schema_in_the_document()
    {
        var run = new ConformanceRun(factory, JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!);

        await run.CallEveryRouteAsync();

        var served = RouteCatalog.Routes(factory).Where(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal))
            .Select(r => ConformanceRun.Key(r.Method, r.Pattern)).ToHashSet(StringComparer.Ordinal);
        served.Count.ShouldBeGreaterThan(40);
        served.Except(run.Called).Order(StringComparer.Ordinal).ShouldBeEmpty("routes the conformance run never calls: add them to CallEveryRouteAsync");
        served.Except(run.Documented).Order(StringComparer.Ordinal).ShouldBeEmpty("routes missing from the OpenAPI document");
        run.Errors.ShouldBeEmpty($"{run.Errors.Count} schema error(s)");
    }

    [Fact]
    public void The_check_refuses_an_answer_that_omits_a_required_member_has_a_wrong_type_or_a_PascalCase_value_and_passes_a_faithful_one()
    {
        var document = JsonNode.Parse("""
            {"paths":{"/x":{"get":{"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Page"}}}}}}}},
             "components":{"schemas":{"Page":{"type":"object","required":["items","nextCursor"],
               "properties":{"items":{"type":"array","items":{"type":"integer"}},"nextCursor":{"type":["null","string"]}}}}}}
            """)!;
        var run = new ConformanceRun(factory, document);

        run.Validate("GET /x", 200, "application/json", """{"items":[1,2],"nextCursor":null}""");
        run.Errors.ShouldBeEmpty();
        run.Validate("GET /x", 200, "application/json", """{"items":["one"]}""");
        run.Errors.ShouldContain(e => e.Contains("nextCursor", StringComparison.Ordinal));
        run.Errors.ShouldContain(e => e.Contains("/items/0", StringComparison.Ordinal));
        run.Validate("GET /x", 201, "application/json", "{}");
        run.Errors.ShouldContain(e => e.Contains("201 is not documented", StringComparison.Ordinal));
        run.Errors.Clear();
        run.Validate("GET /x", 200, "application/json", """{"items":[],"nextCursor":null,"status":"inReview"}""");
        run.Errors.ShouldBeEmpty();
        run.Validate("GET /x", 200, "application/json", """{"items":[],"nextCursor":null,"status":"InReview"}""");
        run.Errors.ShouldContain(e => e.Contains("'InReview' is not camelCase", StringComparison.Ordinal));
    }

    /// <summary>One pass over the API in the order a real tenant lives: a new tenant, its playbook, proposals, meetings, leads, webhooks.</summary>
    private sealed class ConformanceRun(ApiFactory factory, JsonNode document)
    {
        private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

        public HashSet<string> Called { get; } = new(StringComparer.Ordinal);
        public List<string> Errors { get; } = [];

        public HashSet<string> Documented { get; } = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(o => o.Key != "parameters").Select(o => Key(o.Key, p.Key)))
            .ToHashSet(StringComparer.Ordinal);

        public static string Key(string method, string pattern) => $"{method.ToUpperInvariant()} {Constraint().Replace(pattern, "{$1}")}";

        public async Task CallEveryRouteAsync()
        {
            var anonymous = factory.CreateClient();
            var omar = await factory.ClientFor("omar@globex.example");
            var val = await factory.ClientFor("val@acme.example");
            var slug = $"oas-{Guid.NewGuid():N}"[..12];
            var ids = new Dictionary<string, string>(StringComparer.Ordinal) { ["tenant"] = slug };

            var sample = await Call(anonymous, "GET", "/api/v1/sample/playbook", ids);
            await Call(anonymous, "POST", "/api/v1/sample/score", ids, Json("""{"lead":{"externalId":"one","fields":{"seniority":"C-Level"}}}"""));
            await Call(anonymous, "POST", "/api/v1/sample/score", ids, Json("""{"leads":[{"externalId":"a","fields":{"seniority":"C-Level"}},{"externalId":"b"}]}"""));

            await Call(omar, "POST", "/api/v1/tenants", ids, Json($$"""{"slug":"{{slug}}","name":"Conformance Inc","timeZone":"Europe/Berlin"}"""), 201);
            await Call(omar, "GET", "/api/v1/me", ids);
            await Call(omar, "GET", "/api/v1/tenants", ids);
            await Call(omar, "GET", "/api/v1/t/{tenant}", ids);
            var member = await Call(omar, "POST", "/api/v1/t/{tenant}/members", ids, Json("""{"email":"val@acme.example","team":"sales","role":"approver"}"""), 201);
            ids["userId"] = member!.Value.GetProperty("userId").GetString()!;
            await Call(omar, "PATCH", "/api/v1/t/{tenant}/members/{userId}", ids, Json("""{"team":"sales","role":"approver"}"""));
            await Call(omar, "GET", "/api/v1/t/{tenant}/members", ids);

            var playbook = await Call(omar, "POST", "/api/v1/t/{tenant}/playbooks", ids, Json($$"""{"name":"Conformance funnel","document":{{sample!.Value.GetRawText()}}}"""), 201);
            ids["playbookId"] = playbook!.Value.GetProperty("id").GetString()!;
            await Call(omar, "GET", "/api/v1/t/{tenant}/playbooks", ids);
            await Call(omar, "GET", "/api/v1/t/{tenant}/playbooks", ids, query: "?limit=1");
            await Call(omar, "GET", "/api/v1/t/{tenant}/playbooks/{playbookId}", ids);
            await Call(omar, "GET", "/api/v1/t/{tenant}/playbooks/{playbookId}/versions", ids);
            ids["n"] = "1";
            await Call(omar, "GET", "/api/v1/t/{tenant}/playbooks/{playbookId}/versions/{n}", ids);

            var first = await Call(omar, "POST", "/api/v1/t/{tenant}/playbooks/{playbookId}/proposals", ids, Json("""{"title":"Faster hand-off","rationale":"Leads cool off in a day."}"""), 201);
            var second = await Call(omar, "POST", "/api/v1/t/{tenant}/playbooks/{playbookId}/proposals", ids, Json("""{"title":"Stricter ICP"}"""), 201);
            ids["proposalId"] = first!.Value.GetProperty("id").GetString()!;
            await Call(omar, "GET", "/api/v1/t/{tenant}/playbooks/{playbookId}/proposals", ids);
            var proposal = await Call(omar, "GET", "/api/v1/t/{tenant}/proposals/{proposalId}", ids);
            await Call(omar, "PATCH", "/api/v1/t/{tenant}/proposals/{proposalId}", ids, Json("""{"title":"Faster hand-off to sales"}"""),
                ifMatch: $"\"{proposal!.Value.GetProperty("revision").GetInt32()}\"");
            await Call(omar, "POST", "/api/v1/t/{tenant}/proposals/{proposalId}/submit", ids);
            await Call(val, "POST", "/api/v1/t/{tenant}/proposals/{proposalId}/reviews", ids, Json("""{"decision":"approve","comment":"Sales can do 8 hours."}"""));
            await Call(omar, "POST", "/api/v1/t/{tenant}/proposals/{proposalId}/comments", ids, Json("{\"body\":\"Agreed in the weekly.\\nShip it.\"}"), 201);
            await Call(omar, "GET", "/api/v1/t/{tenant}/proposals/{proposalId}/comments", ids);
            await Call(omar, "GET", "/api/v1/t/{tenant}/proposals/{proposalId}/diff", ids);
            await ImpactAsync(omar, ids);

            var meeting = await Call(omar, "POST", "/api/v1/t/{tenant}/meetings", ids,
                Json($$"""{"playbookId":"{{ids["playbookId"]}}","title":"Weekly alignment","scheduledFor":"{{DateTimeOffset.UtcNow.AddDays(2):O}}"}"""), 201);
            ids["meetingId"] = meeting!.Value.GetProperty("id").GetString()!;
            await Call(omar, "GET", "/api/v1/t/{tenant}/meetings", ids);
            await Call(omar, "GET", "/api/v1/t/{tenant}/meetings/{meetingId}", ids);
            await Call(omar, "PATCH", "/api/v1/t/{tenant}/meetings/{meetingId}", ids, Json("""{"title":"Weekly alignment (moved)"}"""), ifMatch: "\"1\"");
            var item = meeting.Value.GetProperty("agenda").EnumerateArray().Select(i => i.GetProperty("id").GetString()).FirstOrDefault();
            if (item is null)
                Errors.Add("The meeting's agenda is empty: the decisions route cannot be called.");
            await Call(omar, "POST", "/api/v1/t/{tenant}/meetings/{meetingId}/decisions", ids, Json($$"""{"itemId":"{{item}}","decision":"defer","notes":"Needs impact numbers."}"""));

            await Call(omar, "POST", "/api/v1/t/{tenant}/proposals/{proposalId}/publish", ids, Json("""{"changeSummary":"SLA 24 → 8 hours","overrideJustification":"One sales approver signed off in the meeting."}"""));
            (ids["a"], ids["b"]) = ("1", "2");
            await Call(omar, "GET", "/api/v1/t/{tenant}/playbooks/{playbookId}/versions/{a}/diff/{b}", ids);
            ids["proposalId"] = second!.Value.GetProperty("id").GetString()!;
            await Call(omar, "POST", "/api/v1/t/{tenant}/proposals/{proposalId}/rebase", ids, Json("{}"));
            await Call(omar, "POST", "/api/v1/t/{tenant}/proposals/{proposalId}/withdraw", ids);

            var batch = await Call(omar, "POST", "/api/v1/t/{tenant}/leads:batch", ids, Json("""{"leads":[{"externalId":"OAS-1","fields":{"seniority":"C-Level"}},{"externalId":"OAS-2"}]}"""));
            ids["leadId"] = batch!.Value.GetProperty("leads")[0].GetProperty("id").GetString()!;
            await Call(omar, "POST", "/api/v1/t/{tenant}/leads:import", ids, new StringContent("externalId,seniority\nOAS-3,VP\nOAS-4,\n", Encoding.UTF8, "text/csv"));
            // Over Leads:InlineImportBytes (5 MiB) the import is a job: 202 with the job, then the job's own route.
            var large = new StringBuilder("externalId,title\n");
            for (var i = 0; large.Length <= (5 << 20) + 1024; i++)
                large.Append("OAS-BIG-").Append(i).Append(',').Append('t', 1000).Append('\n');
            var job = await Call(omar, "POST", "/api/v1/t/{tenant}/leads:import", ids, new StringContent(large.ToString(), Encoding.UTF8, "text/csv"), expected: 202);
            ids["importId"] = job?.GetProperty("id").GetString() ?? Guid.Empty.ToString();
            // Wait for the job: its chunked writes would otherwise compete with the next tests' writes for SQLite's one writer.
            for (var attempt = 0; attempt < 240; attempt++)
            {
                var state = await Call(omar, "GET", "/api/v1/t/{tenant}/imports/{importId}", ids);
                if (state?.GetProperty("status").GetString() is not ("queued" or "running"))
                    break;
                await Task.Delay(250);
            }
            await Call(omar, "GET", "/api/v1/t/{tenant}/leads", ids);
            await Call(omar, "GET", "/api/v1/t/{tenant}/leads/{leadId}", ids);
            await Call(omar, "POST", "/api/v1/t/{tenant}/leads/{leadId}/outcomes", ids, Json("""{"kind":"mqlReached"}"""));
            await Call(omar, "POST", "/api/v1/t/{tenant}/playbooks/{playbookId}/score", ids, Json("""{"lead":{"externalId":"probe","fields":{"seniority":"VP"}}}"""));
            await Call(omar, "POST", "/api/v1/t/{tenant}/playbooks/{playbookId}/score", ids, Json("""{"leads":[{"externalId":"p1"},{"externalId":"p2","fields":{"seniority":"VP"}}]}"""));
            await Call(omar, "GET", "/api/v1/t/{tenant}/kpis", ids, query: $"?playbook={ids["playbookId"]}");
            await Call(omar, "GET", "/api/v1/t/{tenant}/events", ids);
            await Call(omar, "GET", "/api/v1/t/{tenant}/audit", ids);

            var webhook = await Call(omar, "POST", "/api/v1/t/{tenant}/webhooks", ids, Json($$"""{"url":"https://example.com/hooks/{{slug}}","eventTypes":["{{LiveEventTypes.PlaybookPublished}}"]}"""), 201);
            ids["id"] = webhook!.Value.GetProperty("webhook").GetProperty("id").GetString()!;
            await Call(omar, "GET", "/api/v1/t/{tenant}/webhooks", ids);
            await factory.Services.GetServices<ILiveEventTarget>().OfType<WebhookEventTarget>().Single().DeliverAsync(factory.Services,
                [new LiveEventDto(LiveEventTypes.PlaybookPublished, slug, Random.Shared.NextInt64(1_000_000, long.MaxValue / 2), DateTimeOffset.UtcNow, "user-1", ids["playbookId"], 2, null)]);
            var deliveries = await Call(omar, "GET", "/api/v1/t/{tenant}/webhooks/{id}/deliveries", ids);
            ids["deliveryId"] = deliveries!.Value.GetProperty("items")[0].GetProperty("id").GetString()!;
            await Call(omar, "POST", "/api/v1/t/{tenant}/webhooks/{id}/deliveries/{deliveryId}/redeliver", ids, expected: 202);
            await Call(omar, "POST", "/api/v1/t/{tenant}/webhooks/{id}/rotate-secret", ids);
            await Call(omar, "DELETE", "/api/v1/t/{tenant}/webhooks/{id}", ids, expected: 204);
            await Call(omar, "DELETE", "/api/v1/t/{tenant}/members/{userId}", ids, expected: 204);
        }

        /// <summary>The impact is computed in the background: 202 while it runs, then 200; both answers are checked.</summary>
        private async Task ImpactAsync(HttpClient client, Dictionary<string, string> ids)
        {
            for (var attempt = 0; attempt < 60; attempt++)
            {
                var answer = await Call(client, "GET", "/api/v1/t/{tenant}/proposals/{proposalId}/impact", ids, expected: null);
                if (answer?.GetProperty("status").GetString() == "ready")
                    return;
                await Task.Delay(500);
            }
            Errors.Add("The impact report was never ready.");
        }

        private async Task<JsonElement?> Call(HttpClient client, string method, string pattern, Dictionary<string, string> ids, HttpContent? body = null,
            int? expected = 200, string query = "", string? ifMatch = null)
        {
            var key = Key(method, pattern);
            Called.Add(key);
            using var request = new HttpRequestMessage(new HttpMethod(method), RouteCatalog.Url(pattern, ids) + query) { Content = body };
            if (ifMatch is not null)
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (expected is { } want ? status != want : status is < 200 or >= 300)
            {
                Errors.Add($"{key}: answered {status}, expected {expected?.ToString() ?? "2xx"}: {text}");
                return null;
            }
            Validate(key, status, response.Content.Headers.ContentType?.MediaType, text);
            return text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
                ? JsonDocument.Parse(text).RootElement.Clone()
                : null;
        }

        public void Validate(string key, int status, string? mediaType, string body)
        {
            var (method, path) = (key[..key.IndexOf(' ')].ToLowerInvariant(), key[(key.IndexOf(' ') + 1)..]);
            if (document["paths"]?[path]?[method] is not { } operation)
            {
                Errors.Add($"{key}: not in the document");
                return;
            }
            if (operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not { } response)
            {
                Errors.Add($"{key}: status {status} is not documented");
                return;
            }
            var content = response["content"]?.AsObject();
            if (body.Length == 0)
            {
                if (content is { Count: > 0 })
                    Errors.Add($"{key} {status}: the document promises a body ({string.Join(", ", content.Select(c => c.Key))}); the answer has none");
                return;
            }
            if (content?.FirstOrDefault(c => c.Key == mediaType).Value?["schema"] is not { } schema)
            {
                Errors.Add($"{key} {status}: the answer is {mediaType}; the document describes no schema for it");
                return;
            }
            var root = JsonDocument.Parse(body).RootElement;
            var results = SchemaFor($"{key} {status} {mediaType}", schema)
                .Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
            Report(key, status, results);
            CheckSpelling(key, status, root, "");
        }

        /// <summary>Members that carry an enum value (decision 0048).</summary>
        private static readonly HashSet<string> EnumMembers = new(StringComparer.Ordinal) { "status", "team", "role", "route", "decision", "kind", "from", "to", "type", "outcome" };

        /// <summary>Every enum value on the wire is camelCase: an identifier-like value of such a member must start in lower case.</summary>
        private void CheckSpelling(string key, int status, JsonElement element, string at)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in element.EnumerateObject())
                {
                    var path = at + "/" + member.Name;
                    if (EnumMembers.Contains(member.Name) && member.Value.ValueKind == JsonValueKind.String
                        && member.Value.GetString() is { Length: > 0 } value && value.All(char.IsAsciiLetterOrDigit) && !char.IsAsciiLetterLower(value[0]))
                        Errors.Add($"{key} {status}: at '{path}' the value '{value}' is not camelCase");
                    CheckSpelling(key, status, member.Value, path);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    CheckSpelling(key, status, item, $"{at}/{i++}");
            }
        }

        /// <summary>Only failures on the way to the verdict: a oneOf branch that did not match while another did is no error.</summary>
        private void Report(string key, int status, EvaluationResults results)
        {
            if (results.IsValid)
                return;
            foreach (var (keyword, message) in results.Errors ?? new Dictionary<string, string>())
                Errors.Add($"{key} {status}: at '{results.InstanceLocation}' ({results.EvaluationPath}) {keyword}: {message}");
            foreach (var detail in results.Details ?? [])
                Report(key, status, detail);
        }

        /// <summary>The response schema as a JSON Schema 2020-12 document whose $defs are the document's components.</summary>
        private JsonSchema SchemaFor(string name, JsonNode schema)
        {
            if (_schemas.TryGetValue(name, out var built))
                return built;
            var root = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$defs"] = document["components"]?["schemas"]?.DeepClone() ?? new JsonObject(),
            };
            foreach (var (keyword, value) in schema.AsObject())
                root[keyword] = value?.DeepClone();
            var text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
            built = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"https://conformance.test/{_schemas.Count}"));
            _schemas[name] = built;
            return built;
        }

        private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();
}
