using SalesAlign.Application.Playbooks;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Playbooks.Validation;
using SalesAlign.Domain.Samples;

namespace SalesAlign.Application.Tests.Playbooks;

/// <summary>The FluentValidation adapter over the Domain checker: same problems, same order, pointer as PropertyName.</summary>
public sealed class PlaybookDocumentValidatorTests
{
    [Fact]
    public void The_sample_playbook_passes()
    {
        new PlaybookDocumentValidator().Validate(SamplePlaybooks.B2BSaas()).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Failures_carry_the_json_pointer_as_property_name_and_a_stable_error_code()
    {
        var doc = WithCriterionPoints(SamplePlaybooks.B2BSaas(), 2, 20_000);

        var result = new PlaybookDocumentValidator().Validate(doc);

        result.IsValid.ShouldBeFalse();
        var failure = result.Errors.ShouldHaveSingleItem();
        failure.PropertyName.ShouldBe("/icp/criteria/2/points");
        failure.ErrorCode.ShouldBe("number.out_of_range");
        failure.ErrorMessage.ShouldBe("Points must be at least -10,000 and at most 10,000; it is 20,000.");
    }

    [Fact]
    public void Every_problem_of_the_domain_checker_becomes_one_failure_in_the_same_order()
    {
        var doc = WithCriterionPoints(SamplePlaybooks.B2BSaas(), 0, -20_000) with { SchemaVersion = 2 };

        var failures = new PlaybookDocumentValidator().Validate(doc).Errors.Select(f => (f.PropertyName, f.ErrorCode, f.ErrorMessage));
        var problems = PlaybookDocumentChecker.Check(doc).Select(p => (p.Path, p.Code, p.Message));

        problems.Select(p => p.Path).ShouldBe(["/schemaVersion", "/icp/criteria/0/points"]);
        failures.ShouldBe(problems);
    }

    private static PlaybookDocument WithCriterionPoints(PlaybookDocument doc, int index, int points) =>
        doc with { Icp = doc.Icp with { Criteria = doc.Icp.Criteria.Select((c, i) => i == index ? c with { Points = points } : c).ToList() } };
}
