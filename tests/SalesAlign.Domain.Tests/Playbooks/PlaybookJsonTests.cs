using System.Text.Json.Nodes;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Samples;

namespace SalesAlign.Domain.Tests.Playbooks;

public sealed class PlaybookJsonTests
{
    [Fact]
    public void Sample_playbook_parses_with_forty_rules()
    {
        var doc = SamplePlaybooks.B2BSaas();

        var rules = doc.Icp.Criteria.Count + doc.Scoring.Rules.Count + 1 + doc.Sql.Checklist.Count;

        rules.ShouldBe(40);
        doc.Fields.ShouldContain(f => f.Key == "techStack" && f.Type == FieldType.MultiChoice);
        doc.Stages.Count(s => s.Handoff).ShouldBe(1);
    }

    [Fact]
    public void Serialize_then_parse_round_trips_to_the_same_hash()
    {
        var doc = SamplePlaybooks.B2BSaas();

        var again = PlaybookJson.Parse(PlaybookJson.Serialize(doc)).Document!;

        PlaybookJson.ContentHash(again).ShouldBe(PlaybookJson.ContentHash(doc));
    }

    [Fact]
    public void Hash_ignores_key_order_whitespace_and_number_spelling()
    {
        var doc = SamplePlaybooks.B2BSaas();
        var node = PlaybookJson.ToNode(doc).AsObject();
        var reordered = new JsonObject();
        foreach (var (k, v) in node.Reverse().ToList())
            reordered[k] = v?.DeepClone();
        var text = reordered.ToJsonString(new() { WriteIndented = true })
            .Replace("\"serviceLevelHours\": 24", "\"serviceLevelHours\": 24.0", StringComparison.Ordinal);

        var parsed = PlaybookJson.Parse(text).Document!;

        text.ShouldContain("24.0");
        PlaybookJson.ContentHash(parsed).ShouldBe(PlaybookJson.ContentHash(doc));
    }

    [Fact]
    public void Hash_changes_when_content_changes()
    {
        var doc = SamplePlaybooks.B2BSaas();

        var changed = doc with { Handoff = doc.Handoff with { ServiceLevelHours = 48 } };

        PlaybookJson.ContentHash(changed).ShouldNotBe(PlaybookJson.ContentHash(doc));
    }

    [Theory]
    [InlineData("{\"fields\": 3}", "/fields")]
    [InlineData("{\"fields\": [{\"key\":\"a\",\"label\":\"A\",\"type\":\"colour\"}]}", "/fields/0/type")]
    [InlineData("{\"icp\": {\"criteria\": [{\"id\":\"x\",\"label\":\"X\",\"points\":1,\"condition\":{\"field\":\"a\",\"op\":\"like\"}}]}}", "/icp/criteria/0/condition")]
    [InlineData("{\"surprise\": true}", "")]
    [InlineData("{\"fields\": [{\"label\":\"A\",\"type\":\"text\"}]}", "/fields/0")]
    [InlineData("{\"fields\": null}", "/fields")]
    public void Malformed_documents_name_the_path_and_never_throw(string json, string expectedPathPrefix)
    {
        var result = PlaybookJson.Parse(json);

        result.IsSuccess.ShouldBeFalse();
        result.Problem!.Path.ShouldStartWith(expectedPathPrefix);
        result.Problem.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Oversized_documents_are_refused_before_parsing()
    {
        var huge = "{\"fields\":[" + string.Join(',', Enumerable.Repeat("{\"key\":\"k\",\"label\":\"" + new string('x', 1000) + "\",\"type\":\"text\"}", 1200)) + "]}";

        var result = PlaybookJson.Parse(huge);

        result.IsSuccess.ShouldBeFalse();
        result.Problem!.Message.ShouldContain("limit");
    }

    [Fact]
    public void Deeply_nested_conditions_are_refused()
    {
        var condition = "{\"field\":\"a\",\"op\":\"exists\"}";
        for (var i = 0; i < 100; i++)
            condition = "{\"not\":" + condition + "}";

        var result = PlaybookJson.Parse("{\"mql\":{\"condition\":" + condition + "}}");

        result.IsSuccess.ShouldBeFalse();
    }

    [Fact]
    public void Json_pointer_conversion_handles_brackets_and_escapes()
    {
        PlaybookJson.ToPointer("$.icp.criteria[2].points").ShouldBe("/icp/criteria/2/points");
        PlaybookJson.ToPointer("$['a/b'].c").ShouldBe("/a~1b/c");
        PlaybookJson.ToPointer("$").ShouldBe("");
    }
}
