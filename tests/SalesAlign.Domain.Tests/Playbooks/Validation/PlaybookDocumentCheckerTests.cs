using SalesAlign.Domain.Playbooks.Validation;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Samples;
using static SalesAlign.Domain.Tests.Playbooks.Validation.DocumentEdits;

namespace SalesAlign.Domain.Tests.Playbooks.Validation;

public sealed class PlaybookDocumentCheckerTests
{
    [Fact]
    public void The_sample_playbook_has_no_problems()
    {
        var doc = Sample();

        var problems = PlaybookValidation.Validate(doc);

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_document_with_several_problems_reports_all_of_them_at_once()
    {
        var doc = Sample()
            .WithField(Title, f => f with { Key = "title" + " x" })
            .WithCriterionCondition(1, Compare("seniority", ComparisonOperator.Eq, "\"Intern\""))
            .WithBands(Band("A", 60, null), Band("B", 40, 55), Band("C", 20, 40), Band("D", null, 20))
            .WithRule(0, r => r with { EventType = "pricing_page_visit" })
            .WithHandoff(h => h with { ServiceLevelHours = 0 })
            with { SchemaVersion = 2 };

        var problems = doc.Problems();

        problems.ShouldBe(
        [
            ("/schemaVersion", "schema.version_unsupported"),
            ("/fields/0/key", "key.invalid"),
            ("/icp/criteria/1/condition/value", "value.choice_unknown"),
            ("/icp/criteria/4/condition/all/0/field", "field.unknown"),
            ("/icp/gradeBands/1/max", "bands.gap"),
            ("/icp/gradeBands/0/min", "bands.gap"),
            ("/scoring/rules/0/eventType", "event_type.unknown"),
            ("/handoff/serviceLevelHours", "number.out_of_range"),
        ]);
    }

    [Fact]
    public void An_unsupported_schema_version_is_reported()
    {
        var doc = Sample() with { SchemaVersion = 0 };

        var problems = doc.Problems();

        problems.ShouldBe([("/schemaVersion", "schema.version_unsupported")]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1st")]
    [InlineData("has space")]
    [InlineData("tab\t")]
    [InlineData("newline\n")]
    [InlineData("é")]
    public void Keys_must_start_with_a_letter_and_use_a_small_alphabet(string key)
    {
        var doc = Sample() with { EventTypes = Sample().EventTypes.Replace(0, e => e with { Key = key }) };

        var problems = doc.Problems();

        problems.ShouldContain(("/eventTypes/0/key", key.Length == 0 ? "key.empty" : "key.invalid"));
    }

    [Fact]
    public void Keys_longer_than_64_characters_are_refused_and_64_are_accepted()
    {
        var ok = Sample().WithField(CompanySize, f => f with { Key = "k" + new string('x', 63) });
        var tooLong = Sample().WithField(CompanySize, f => f with { Key = "k" + new string('x', 64) });

        var okProblems = ok.Problems();
        var tooLongProblems = tooLong.Problems();

        okProblems.ShouldNotContain(p => p.Path == "/fields/3/key");
        tooLongProblems.ShouldContain(("/fields/3/key", "key.invalid"));
    }

    [Fact]
    public void A_duplicate_key_is_reported_on_its_second_occurrence_even_when_only_case_differs()
    {
        var doc = Sample() with
        {
            Fields = Sample().Fields.Append(Field("Title")),
            Handoff = Sample().Handoff with { RejectionReasons = Sample().Handoff.RejectionReasons.Replace(3, r => r with { Key = "no-budget" }) },
        };

        var problems = PlaybookValidation.Validate(doc);

        problems.Select(p => (p.Path, p.Code)).ShouldBe([("/fields/15/key", "key.duplicate"), ("/handoff/rejectionReasons/3/key", "key.duplicate")]);
        problems[0].Message.ShouldContain("/fields/0");
    }

    [Fact]
    public void Duplicate_ids_of_criteria_rules_checks_and_grades_are_each_reported()
    {
        var doc = Sample()
            .WithCriterion(1, c => c with { Id = "seniority-c-level" })
            .WithRule(1, r => r with { Id = "pricing" })
            .WithBands(Band("A", 60, null), Band("B", 40, 60), Band("B", null, 40))
            with { Sql = new SqlSection { Checklist = Sample().Sql.Checklist.Replace(4, c => c with { Id = "budget" }) } };

        var problems = doc.Problems();

        problems.ShouldBe(
        [
            ("/icp/criteria/1/id", "key.duplicate"),
            ("/icp/gradeBands/2/grade", "key.duplicate"),
            ("/scoring/rules/1/id", "key.duplicate"),
            ("/sql/checklist/4/id", "key.duplicate"),
        ]);
    }

    [Theory]
    [InlineData("fitScore")]
    [InlineData("fitgrade")]
    [InlineData("EngagementScore")]
    public void Field_keys_may_not_collide_with_built_in_operands(string key)
    {
        var doc = Sample() with { Fields = Sample().Fields.Append(Field(key, FieldType.Number)) };

        var problems = doc.Problems();

        problems.ShouldBe([("/fields/15/key", "field.reserved_key")]);
    }

    [Fact]
    public void Labels_must_be_present_and_at_most_200_characters()
    {
        var doc = Sample()
            .WithField(Title, f => f with { Label = " " })
            .WithCriterion(0, c => c with { Label = new string('x', 201) })
            .WithStage(0, s => s with { Name = "" })
            .WithRule(0, r => r with { Label = new string('x', 200) });

        var problems = doc.Problems();

        problems.ShouldBe([("/fields/0/label", "label.empty"), ("/icp/criteria/0/label", "label.too_long"), ("/stages/0/name", "label.empty")]);
    }

    [Fact]
    public void Descriptions_are_limited_to_2000_characters()
    {
        var doc = Sample().WithField(Title, f => f with { Description = new string('x', 2001) });

        var problems = doc.Problems();

        problems.ShouldBe([("/fields/0/description", "description.too_long")]);
    }

    [Fact]
    public void At_most_500_fields_and_500_event_types_are_allowed()
    {
        var doc = Sample() with
        {
            Fields = Sample().Fields.Append(ManyFields(486)),
            EventTypes = Sample().EventTypes.Append(Enumerable.Range(0, 487).Select(i => new EventTypeDefinition { Key = $"e{i}", Label = "E" }).ToArray()),
        };
        var atLimit = Sample() with { Fields = Sample().Fields.Append(ManyFields(485)) };

        var problems = doc.Problems();
        var atLimitProblems = atLimit.Problems();

        problems.ShouldBe([("/fields", "list.too_many"), ("/eventTypes", "list.too_many")]);
        atLimitProblems.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_and_validate_reports_a_json_problem_when_the_document_cannot_be_read()
    {
        var result = PlaybookValidation.ParseAndValidate("{\"fields\": 3}");

        result.IsValid.ShouldBeFalse();
        result.Document.ShouldBeNull();
        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe("/fields");
        problem.Code.ShouldBe("json.invalid");
    }

    [Fact]
    public void Parse_and_validate_reports_every_validation_problem_of_a_readable_document()
    {
        var json = SamplePlaybooks.B2BSaasJson
            .Replace("\"serviceLevelHours\": 24", "\"serviceLevelHours\": -1", StringComparison.Ordinal)
            .Replace("\"rate\": 0.25", "\"rate\": 1.5", StringComparison.Ordinal);

        var result = PlaybookValidation.ParseAndValidate(System.Text.Encoding.UTF8.GetBytes(json));

        result.Document.ShouldNotBeNull();
        result.IsValid.ShouldBeFalse();
        result.Problems.Select(p => (p.Path, p.Code)).ShouldBe(
            [("/handoff/serviceLevelHours", "number.out_of_range"), ("/targets/conversions/3/rate", "number.out_of_range")]);
    }

    [Fact]
    public void Parse_and_validate_accepts_the_sample_json()
    {
        var result = PlaybookValidation.ParseAndValidate(SamplePlaybooks.B2BSaasJson);

        result.IsValid.ShouldBeTrue();
        result.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_problem_converts_to_the_domain_problem_without_its_code()
    {
        var problem = new DocumentValidationProblem("/fields/0/key", "key.invalid", "Bad key.");

        var domain = problem.ToDocumentProblem();

        domain.ShouldBe(new DocumentProblem("/fields/0/key", "Bad key."));
    }
}
