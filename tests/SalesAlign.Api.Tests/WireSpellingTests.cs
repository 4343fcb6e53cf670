using System.Text.Json.Nodes;

namespace SalesAlign.Api.Tests;

/// <summary>
/// One spelling on the wire (decision 0048), from the document side: every value an enum schema of /openapi/v1.json
/// allows is camelCase, so generated clients and the SDK see the spelling the API writes. (Answers themselves are
/// checked value by value by the conformance run.)
/// </summary>
[Collection(nameof(ApiHost))]
public sealed class WireSpellingTests(ApiFactory factory)
{
    [Fact]
    public async Task Every_value_an_enum_schema_of_the_OpenAPI_document_allows_is_camelCase()
    {
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var values = EnumValues(document, "#").ToList();

        values.Count.ShouldBeGreaterThan(100);
        values.Where(v => !IsCamelCase(v.Value)).Select(v => $"{v.At}: '{v.Value}'").ShouldBeEmpty();
    }

    [Fact]
    public async Task Enum_carrying_string_members_list_their_values_in_answers_requests_lists_and_dictionaries()
    {
        var schemas = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!;

        string[] Allowed(JsonNode? schema) => [.. schema!["enum"]!.AsArray().Select(v => v?.GetValue<string>() ?? "null")];

        Allowed(schemas["ProposalDto"]!["properties"]!["status"]).ShouldBe(SalesAlign.Contracts.Proposals.ProposalStatuses.All);
        Allowed(schemas["ReviewRequest"]!["properties"]!["decision"]).ShouldBe(["approve", "requestChanges", "reject"]);
        Allowed(schemas["ImpactSampleDto"]!["properties"]!["changes"]!["items"]).ShouldBe(["newlyMql", "noLongerMql", "gradeUp", "gradeDown"]);
        Allowed(schemas["RebaseRequest"]!["properties"]!["resolutions"]!["additionalProperties"]).ShouldBe(["ours", "theirs", "base"]);
        Allowed(schemas["AgendaItemDto"]!["properties"]!["decision"]).ShouldContain("null");   // a nullable member allows null too
        schemas["ProposalDto"]!["properties"]!["title"]!["enum"].ShouldBeNull();                // control: a free text member lists nothing
    }

    [Theory]
    [InlineData("inReview", true)]
    [InlineData("multiChoice", true)]
    [InlineData("sales", true)]
    [InlineData("InReview", false)]
    [InlineData("in_review", false)]
    [InlineData("IN_REVIEW", false)]
    [InlineData("", false)]
    public void The_check_accepts_camelCase_and_refuses_other_spellings(string value, bool camel) =>
        IsCamelCase(value).ShouldBe(camel);

    private static bool IsCamelCase(string value) =>
        value.Length > 0 && char.IsAsciiLetterLower(value[0]) && value.All(char.IsAsciiLetterOrDigit);

    /// <summary>Every string of every <c>enum</c> array in the document, with where it is.</summary>
    private static IEnumerable<(string At, string Value)> EnumValues(JsonNode? node, string at)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    if (name == "enum" && child is JsonArray allowed)
                    {
                        foreach (var value in allowed.OfType<JsonValue>().Where(v => v.GetValueKind() == System.Text.Json.JsonValueKind.String))
                            yield return ($"{at}/enum", value.GetValue<string>());
                    }
                    else
                    {
                        foreach (var found in EnumValues(child, $"{at}/{name}"))
                            yield return found;
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    foreach (var found in EnumValues(a[i], $"{at}/{i}"))
                        yield return found;
                break;
        }
    }
}
