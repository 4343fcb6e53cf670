using System.Text.Json.Nodes;
using SalesAlign.Domain.Json;

namespace SalesAlign.Domain.Tests.Json;

public sealed class JsonPatchTests
{
    private static JsonNode Apply(string document, string patch) =>
        JsonPatch.Apply(JsonNode.Parse(document)!, JsonPatch.Parse(JsonNode.Parse(patch)));

    [Fact]
    public void Add_remove_replace_move_copy_and_test_follow_RFC_6902()
    {
        var result = Apply(
            """{"a":1,"list":[1,2],"o":{"x":"y"}}""",
            """
            [{"op":"test","path":"/a","value":1},
             {"op":"replace","path":"/a","value":5},
             {"op":"add","path":"/list/1","value":9},
             {"op":"add","path":"/list/-","value":3},
             {"op":"remove","path":"/list/0"},
             {"op":"copy","from":"/o","path":"/o2"},
             {"op":"move","from":"/o/x","path":"/moved"},
             {"op":"add","path":"/we~1ird","value":true}]
            """);

        result.ToJsonString().ShouldBe("""{"a":5,"list":[9,2,3],"o":{},"o2":{"x":"y"},"moved":"y","we/ird":true}""");
    }

    [Fact]
    public void A_failing_operation_names_itself_and_leaves_the_document_untouched()
    {
        var document = JsonNode.Parse("""{"a":1}""")!;

        var ex = Should.Throw<JsonPatchException>(() => JsonPatch.Apply(document, JsonPatch.Parse(JsonNode.Parse("""[{"op":"replace","path":"/a","value":2},{"op":"remove","path":"/missing"}]"""))));

        ex.Path.ShouldBe("/1");
        document.ToJsonString().ShouldBe("""{"a":1}""");
    }

    [Theory]
    [InlineData("""{"op":"add"}""", "/0")]
    [InlineData("""[{"op":"explode","path":"/a"}]""", "/0/op")]
    [InlineData("""[{"op":"add","path":"/a"}]""", "/0/value")]
    [InlineData("""[{"op":"move","path":"/a"}]""", "/0/from")]
    public void Malformed_patches_are_refused_with_a_path(string patch, string path)
    {
        var ex = Should.Throw<JsonPatchException>(() => JsonPatch.Parse(JsonNode.Parse(patch)));

        ex.Path.ShouldBe(path == "/0" ? "" : path);
    }

    [Fact]
    public void A_failed_test_operation_stops_the_patch()
    {
        Should.Throw<JsonPatchException>(() => Apply("""{"a":1}""", """[{"op":"test","path":"/a","value":2},{"op":"replace","path":"/a","value":3}]"""));
    }
}
