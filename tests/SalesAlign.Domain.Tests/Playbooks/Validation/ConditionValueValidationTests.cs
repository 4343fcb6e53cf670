using SalesAlign.Domain.Playbooks.Validation;
using static SalesAlign.Domain.Tests.Playbooks.Validation.DocumentEdits;
using Op = SalesAlign.Domain.Playbooks.ComparisonOperator;

namespace SalesAlign.Domain.Tests.Playbooks.Validation;

public sealed class ConditionValueValidationTests
{
    [Theory]
    [InlineData("companySize", Op.Gt, "\"500\"", "", "value.type_mismatch")]
    [InlineData("companySize", Op.Eq, "null", "", "value.type_mismatch")]
    [InlineData("companySize", Op.Lt, "1e999", "", "value.not_finite")]
    [InlineData("isCompetitor", Op.Eq, "\"true\"", "", "value.type_mismatch")]
    [InlineData("isCompetitor", Op.Eq, "1", "", "value.type_mismatch")]
    [InlineData("currentContractEnds", Op.Lt, "20270701", "", "value.type_mismatch")]
    [InlineData("currentContractEnds", Op.Lt, "\"2027-13-01\"", "", "value.invalid_date")]
    [InlineData("currentContractEnds", Op.Lt, "\"2026-02-29\"", "", "value.invalid_date")]
    [InlineData("currentContractEnds", Op.Lt, "\"01/07/2027\"", "", "value.invalid_date")]
    [InlineData("currentContractEnds", Op.Lt, "\"2027-07-01T00:00:00Z\"", "", "value.invalid_date")]
    [InlineData("title", Op.Eq, "42", "", "value.type_mismatch")]
    [InlineData("title", Op.Contains, "\"\"", "", "value.empty")]
    [InlineData("title", Op.Contains, "[\"a\"]", "", "value.type_mismatch")]
    [InlineData("seniority", Op.Eq, "\"CEO\"", "", "value.choice_unknown")]
    [InlineData("seniority", Op.Eq, "\"vp\"", "", "value.choice_unknown")]
    [InlineData("seniority", Op.Eq, "[\"VP\"]", "", "value.type_mismatch")]
    [InlineData("techStack", Op.Contains, "\"Excel\"", "", "value.choice_unknown")]
    [InlineData("techStack", Op.In, "[\"Gong\", \"Excel\"]", "/1", "value.choice_unknown")]
    [InlineData("seniority", Op.In, "\"VP\"", "", "value.type_mismatch")]
    [InlineData("seniority", Op.NotIn, "[]", "", "value.list_empty")]
    [InlineData("companySize", Op.In, "[1, \"2\"]", "/1", "value.type_mismatch")]
    [InlineData("companySize", Op.Between, "[1]", "", "value.range_size")]
    [InlineData("companySize", Op.Between, "[1, 2, 3]", "", "value.range_size")]
    [InlineData("companySize", Op.Between, "5", "", "value.range_size")]
    [InlineData("companySize", Op.Between, "[5000, 200]", "", "value.range_reversed")]
    [InlineData("companySize", Op.Between, "[1, \"x\"]", "/1", "value.type_mismatch")]
    [InlineData("currentContractEnds", Op.Between, "[\"2027-02-01\", \"2027-01-31\"]", "", "value.range_reversed")]
    [InlineData("title", Op.Exists, "true", "", "value.unexpected")]
    [InlineData("title", Op.Exists, "null", "", "value.unexpected")]
    public void Values_that_do_not_fit_are_reported_at_the_value(string field, Op op, string value, string suffix, string code)
    {
        var doc = Sample().WithCriterionCondition(0, All(Compare("title", Op.Exists), Compare(field, op, value)));

        var problems = doc.Problems();

        problems.ShouldBe([($"/icp/criteria/0/condition/all/1/value{suffix}", code)]);
    }

    [Theory]
    [InlineData(Op.Eq)]
    [InlineData(Op.In)]
    [InlineData(Op.Between)]
    [InlineData(Op.Contains)]
    public void A_missing_value_is_reported_for_every_operator_but_exists(Op op)
    {
        var doc = Sample().WithCriterionCondition(0, Compare(op == Op.Contains ? "title" : "companySize", op));

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/criteria/0/condition/value", "value.missing")]);
    }

    [Fact]
    public void An_unknown_choice_value_is_named_with_the_allowed_values()
    {
        var doc = Sample().WithCriterionCondition(0, Compare("seniority", Op.Eq, "\"CEO\""));

        var problem = PlaybookValidation.Validate(doc).ShouldHaveSingleItem();

        problem.Message.ShouldBe("'CEO' is not a value of Seniority; the values are: C-Level, VP, Director, Manager, Individual Contributor, Student.");
    }

    [Fact]
    public void Text_values_are_limited_to_500_characters_and_lists_to_500_values()
    {
        var longText = "\"" + new string('x', 501) + "\"";
        var longList = "[" + string.Join(',', Enumerable.Range(0, 501)) + "]";
        var doc = Sample()
            .WithCriterionCondition(0, Compare("title", Op.Eq, longText))
            .WithCriterionCondition(1, Compare("companySize", Op.In, longList));

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/criteria/0/condition/value", "value.too_long"), ("/icp/criteria/1/condition/value", "value.list_too_long")]);
    }
}
