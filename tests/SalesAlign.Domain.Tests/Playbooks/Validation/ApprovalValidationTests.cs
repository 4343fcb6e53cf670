using SalesAlign.Domain.Playbooks;
using static SalesAlign.Domain.Tests.Playbooks.Validation.DocumentEdits;

namespace SalesAlign.Domain.Tests.Playbooks.Validation;

/// <summary>The approval policy section: counts in range, section owners on real sections.</summary>
public sealed class ApprovalValidationTests
{
    [Fact]
    public void A_sane_policy_with_a_section_owner_is_valid()
    {
        var doc = Sample() with { Approval = new ApprovalSection { SectionOwners = [new SectionOwnerRule { Path = "/sql", Team = Team.Sales, Approvals = 2 }] } };

        doc.Problems().ShouldBeEmpty();
    }

    [Fact]
    public void Counts_out_of_range_and_unknown_sections_are_reported()
    {
        var policy = new ApprovalSection
        {
            MarketingApprovals = 9,
            SectionOwners =
            [
                new SectionOwnerRule { Path = "/pricing", Team = Team.Sales },
                new SectionOwnerRule { Path = "/sql", Team = Team.Sales, Approvals = 0 },
            ],
        };

        var problems = (Sample() with { Approval = policy }).Problems();

        problems.ShouldBe(
        [
            ("/approval/marketingApprovals", "number.out_of_range"),
            ("/approval/sectionOwners/0/path", "approval.section_unknown"),
            ("/approval/sectionOwners/1/approvals", "number.out_of_range"),
        ], ignoreOrder: true);
    }

    [Fact]
    public void A_policy_that_needs_nobody_is_refused()
    {
        var problems = (Sample() with { Approval = new ApprovalSection { MarketingApprovals = 0, SalesApprovals = 0 } }).Problems();

        problems.ShouldBe([("/approval", "approval.none")]);
    }
}
