using SalesAlign.Domain.Playbooks.Validation;
using SalesAlign.Domain.Playbooks;
using static SalesAlign.Domain.Tests.Playbooks.Validation.DocumentEdits;
using Op = SalesAlign.Domain.Playbooks.ComparisonOperator;

namespace SalesAlign.Domain.Tests.Playbooks.Validation;

public sealed class ConditionValidationTests
{
    [Fact]
    public void Problems_deep_in_a_condition_are_located_exactly()
    {
        var condition = All(
            Compare("title", Op.Contains, "\"marketing\""),
            Any(Compare("companySize", Op.Gt, "\"500\""), Compare("seniority", Op.Exists)));
        var doc = Sample().WithCriterionCondition(0, condition);

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/criteria/0/condition/all/1/any/0/value", "value.type_mismatch")]);
    }

    [Fact]
    public void Undeclared_fields_are_reported_with_a_hint_when_only_case_differs()
    {
        var doc = Sample()
            .WithCriterionCondition(0, Compare("Seniority", Op.Eq, "\"VP\""))
            .WithSqlCondition(0, Compare("budget", Op.Eq, "true"));

        var problems = PlaybookValidation.Validate(doc);

        problems.Select(p => (p.Path, p.Code)).ShouldBe([("/icp/criteria/0/condition/field", "field.unknown"), ("/sql/checklist/0/condition/field", "field.unknown")]);
        problems[0].Message.ShouldContain("Did you mean 'seniority'?");
    }

    [Theory]
    [InlineData("fitScore")]
    [InlineData("fitGrade")]
    [InlineData("engagementScore")]
    public void Built_in_operands_are_refused_outside_the_mql_rule(string builtIn)
    {
        var doc = Sample()
            .WithCriterionCondition(0, Compare(builtIn, Op.Exists))
            .WithSqlCondition(1, Compare(builtIn, Op.Exists));

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/criteria/0/condition/field", "operand.not_allowed"), ("/sql/checklist/1/condition/field", "operand.not_allowed")]);
    }

    [Fact]
    public void The_mql_rule_may_compare_grades_and_scores()
    {
        var doc = Sample().WithMql(Any(
            Compare("fitGrade", Op.NotIn, "[\"D\"]"),
            Compare("fitScore", Op.Between, "[10, 90]"),
            All(Compare("engagementScore", Op.Lt, "12.5"), Compare("country", Op.Eq, "\"US\""))));

        var problems = doc.Problems();

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void The_mql_rule_checks_fit_grades_against_the_grade_bands_and_scores_as_numbers()
    {
        var doc = Sample().WithMql(All(
            Compare("fitGrade", Op.In, "[\"A\", \"E\"]"),
            Compare("fitScore", Op.Gte, "\"40\""),
            Compare("engagementScore", Op.Contains, "\"4\"")));

        var problems = doc.Problems();

        problems.ShouldBe(
        [
            ("/mql/condition/all/0/value/1", "value.choice_unknown"),
            ("/mql/condition/all/1/value", "value.type_mismatch"),
            ("/mql/condition/all/2/op", "operator.not_supported"),
        ]);
    }

    [Fact]
    public void An_empty_mql_rule_is_refused_because_it_would_qualify_every_lead()
    {
        var doc = Sample().WithMql(All());

        var problems = PlaybookValidation.Validate(doc);

        problems.Select(p => (p.Path, p.Code)).ShouldBe([("/mql/condition/all", "condition.empty")]);
        problems[0].Message.ShouldContain("every lead would become an MQL");
    }

    [Fact]
    public void Empty_groups_are_refused_anywhere()
    {
        var doc = Sample()
            .WithCriterionCondition(0, Any())
            .WithCriterionCondition(1, All(Compare("title", Op.Exists), new NotCondition(Any())))
            .WithSqlCondition(0, All());

        var problems = doc.Problems();

        problems.ShouldBe(
        [
            ("/icp/criteria/0/condition/any", "condition.empty"),
            ("/icp/criteria/1/condition/all/1/not/any", "condition.empty"),
            ("/sql/checklist/0/condition/all", "condition.empty"),
        ]);
    }

    [Fact]
    public void Conditions_deeper_than_16_levels_are_refused_once()
    {
        var atLimit = Sample().WithCriterionCondition(0, Nest(Compare("title", Op.Exists), 15));
        var tooDeep = Sample().WithCriterionCondition(0, Any(Nest(Compare("title", Op.Exists), 16), Nest(Compare("title", Op.Exists), 20)));

        var atLimitProblems = atLimit.Problems();
        var tooDeepProblems = tooDeep.Problems();

        atLimitProblems.ShouldBeEmpty();
        tooDeepProblems.ShouldBe([("/icp/criteria/0/condition/any/0" + string.Concat(Enumerable.Repeat("/not", 15)), "condition.too_deep")]);
    }

    [Fact]
    public void Conditions_with_more_than_200_parts_are_refused()
    {
        var comparisons = Enumerable.Repeat<Condition>(Compare("title", Op.Exists), 200).ToArray();
        var atLimit = Sample().WithCriterionCondition(0, Any(comparisons[..199]));
        var tooLarge = Sample().WithCriterionCondition(0, Any(comparisons));

        var atLimitProblems = atLimit.Problems();
        var tooLargeProblems = tooLarge.Problems();

        atLimitProblems.ShouldBeEmpty();
        tooLargeProblems.ShouldBe([("/icp/criteria/0/condition", "condition.too_large")]);
    }

    [Fact]
    public void A_missing_condition_is_reported()
    {
        var doc = Sample().WithCriterionCondition(0, null!).WithMql(null!);

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/criteria/0/condition", "condition.missing"), ("/mql/condition", "condition.missing")]);
    }

    [Theory]
    [InlineData("title", Op.Gt)]
    [InlineData("title", Op.Between)]
    [InlineData("companySize", Op.Contains)]
    [InlineData("isCompetitor", Op.In)]
    [InlineData("isCompetitor", Op.Lt)]
    [InlineData("currentContractEnds", Op.In)]
    [InlineData("currentContractEnds", Op.Contains)]
    [InlineData("seniority", Op.Gte)]
    [InlineData("seniority", Op.Contains)]
    [InlineData("techStack", Op.Eq)]
    [InlineData("techStack", Op.Neq)]
    [InlineData("techStack", Op.Between)]
    public void Operators_that_do_not_fit_the_field_type_are_refused(string field, Op op)
    {
        var doc = Sample().WithCriterionCondition(0, Compare(field, op, "1"));

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/criteria/0/condition/op", "operator.not_supported")]);
    }

    [Theory]
    [InlineData("title", Op.Eq, "\"CMO\"")]
    [InlineData("title", Op.NotIn, "[\"CMO\", \"CEO\"]")]
    [InlineData("title", Op.Contains, "\"market\"")]
    [InlineData("companySize", Op.Neq, "0")]
    [InlineData("companySize", Op.Between, "[10, 10]")]
    [InlineData("companySize", Op.In, "[1, 2.5, -3]")]
    [InlineData("companySize", Op.Lte, "1e3")]
    [InlineData("isCompetitor", Op.Neq, "false")]
    [InlineData("currentContractEnds", Op.Gte, "\"2024-02-29\"")]
    [InlineData("currentContractEnds", Op.Between, "[\"2026-01-01\", \"2026-12-31\"]")]
    [InlineData("seniority", Op.NotIn, "[\"Student\"]")]
    [InlineData("techStack", Op.Contains, "\"Gong\"")]
    [InlineData("techStack", Op.In, "[\"Gong\", \"Segment\"]")]
    [InlineData("techStack", Op.NotIn, "[\"Gong\"]")]
    [InlineData("techStack", Op.Exists, null)]
    public void Values_that_fit_the_field_and_operator_are_accepted(string field, Op op, string? value)
    {
        var doc = Sample().WithCriterionCondition(0, Compare(field, op, value));

        var problems = doc.Problems();

        problems.ShouldBeEmpty();
    }
}
