using System.Text;
using SalesAlign.Domain.Json;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Samples;

namespace SalesAlign.Domain.Tests.Json;

public sealed class StrictJsonTests
{
    private static IReadOnlyList<JsonTextProblem> Problems(string json) => StrictJson.FindProblems(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_property_twice_in_one_object_is_found_at_its_pointer_and_the_same_name_in_sibling_objects_is_not()
    {
        var problem = Problems("""{"a":[{"x":1},{"x":2,"y":{"k~/":1,"k~/":2}}]}""").ShouldHaveSingleItem();

        problem.Code.ShouldBe(StrictJson.DuplicateProperty);
        problem.Path.ShouldBe("/a/1/y/k~0~1");
        Problems("""{"a":[{"x":1},{"x":2,"y":{"x":1}}],"x":3}""").ShouldBeEmpty();
    }

    [Fact]
    public void NUL_and_other_control_characters_are_found_in_values_and_names_while_tab_line_feed_and_carriage_return_pass()
    {
        var problems = Problems("{\"a\":[\"ok\",\"bad\\u0000\"],\"b\\u0007\":1,\"c\":\"\u0085\",\"d\":\"\\u001b[31m\"}");

        problems.Select(p => (p.Path, p.Code)).ShouldBe([
            ("/a/1", StrictJson.ControlCharacter), ("/b\a", StrictJson.ControlCharacter), ("/c", StrictJson.ControlCharacter), ("/d", StrictJson.ControlCharacter)]);
        problems[0].Message.ShouldContain("U+0000");
        Problems("{\"text\":\"line one\\nline two\\r\\n\\tindented – ünïcödé ✓\"}").ShouldBeEmpty();
    }

    [Fact]
    public void The_playbook_parser_refuses_a_duplicate_key_and_a_NUL_with_their_pointers_and_reads_the_sample()
    {
        var duplicate = PlaybookJson.Parse("""{"name":"a","name":"b"}""");
        var nul = PlaybookJson.Parse(SamplePlaybooks.B2BSaasJson.Replace("\"name\": \"", "\"name\": \"\\u0000", StringComparison.Ordinal));

        duplicate.IsSuccess.ShouldBeFalse();
        duplicate.Problem!.Path.ShouldBe("/name");
        nul.IsSuccess.ShouldBeFalse();
        nul.Problem!.Message.ShouldContain("U+0000");
        PlaybookJson.Parse(SamplePlaybooks.B2BSaasJson).IsSuccess.ShouldBeTrue();
    }
}
