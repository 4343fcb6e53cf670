using SalesAlign.Domain.Playbooks.Validation;
using SalesAlign.Domain.Playbooks;
using static SalesAlign.Domain.Tests.Playbooks.Validation.DocumentEdits;

namespace SalesAlign.Domain.Tests.Playbooks.Validation;

/// <summary>SQL checklist, stages, hand-off and targets.</summary>
public sealed class FunnelValidationTests
{
    [Fact]
    public void The_sql_checklist_needs_between_1_and_50_checks()
    {
        var empty = Sample() with { Sql = new SqlSection() };
        var extra = Enumerable.Range(0, 46).Select(i => Sample().Sql.Checklist[0] with { Id = $"extra{i}" }).ToArray();
        var tooMany = Sample() with { Sql = new SqlSection { Checklist = Sample().Sql.Checklist.Append(extra) } };

        var emptyProblems = empty.Problems();
        var tooManyProblems = tooMany.Problems();

        emptyProblems.ShouldBe([("/sql/checklist", "list.too_few")]);
        tooManyProblems.ShouldBe([("/sql/checklist", "list.too_many")]);
    }

    [Fact]
    public void A_funnel_needs_between_2_and_20_stages()
    {
        var single = Sample() with
        {
            Stages = [new StageDefinition { Key = "lead", Name = "Lead", Owner = Team.Marketing, Handoff = true }],
            Targets = new TargetsSection(),
        };
        var extra = Enumerable.Range(0, 16).Select(i => new StageDefinition { Key = $"s{i}", Name = "S", Owner = Team.Sales }).ToArray();
        var tooMany = Sample() with { Stages = Sample().Stages.Append(extra) };

        var singleProblems = single.Problems();
        var tooManyProblems = tooMany.Problems();

        singleProblems.ShouldBe([("/stages", "list.too_few"), ("/stages/0/handoff", "stages.handoff_last")]);
        tooManyProblems.ShouldBe([("/stages", "list.too_many")]);
    }

    [Fact]
    public void Stage_keys_must_be_unique()
    {
        var doc = Sample().WithStage(3, s => s with { Key = "SQL" });

        var problems = doc.Problems();

        problems.ShouldBe([("/stages/3/key", "key.duplicate"), ("/targets/conversions/2/to", "stage.unknown"), ("/targets/conversions/3/from", "stage.unknown")]);
    }

    [Fact]
    public void A_funnel_without_a_hand_off_stage_is_reported()
    {
        var doc = Sample().WithStage(1, s => s with { Handoff = false });

        var problems = doc.Problems();

        problems.ShouldBe([("/stages", "stages.handoff_missing")]);
    }

    [Fact]
    public void Several_hand_off_stages_are_reported_naming_all_of_them()
    {
        var doc = Sample().WithStage(2, s => s with { Handoff = true }).WithStage(3, s => s with { Handoff = true });

        var problems = PlaybookValidation.Validate(doc);

        problems.Select(p => (p.Path, p.Code)).ShouldBe([("/stages/2/handoff", "stages.handoff_multiple"), ("/stages/3/handoff", "stages.handoff_multiple")]);
        problems[0].Message.ShouldContain("'mql', 'sql', 'opportunity'");
    }

    [Fact]
    public void The_hand_off_stage_cannot_be_the_last()
    {
        var doc = Sample().WithStage(1, s => s with { Handoff = false }).WithStage(4, s => s with { Handoff = true });

        var problems = doc.Problems();

        problems.ShouldBe([("/stages/4/handoff", "stages.handoff_last")]);
    }

    [Fact]
    public void Sales_must_own_a_stage_after_the_hand_off()
    {
        var doc = Sample() with { Stages = Sample().Stages.Select(s => s with { Owner = Team.Marketing }).ToList() };

        var problems = doc.Problems();

        problems.ShouldBe([("/stages/1/handoff", "stages.no_sales_after_handoff")]);
    }

    [Theory]
    [InlineData(0, "number.out_of_range")]
    [InlineData(-1, "number.out_of_range")]
    [InlineData(8761, "number.out_of_range")]
    [InlineData(double.NaN, "number.not_finite")]
    public void The_service_level_must_be_positive_and_at_most_a_year_of_hours(double hours, string code)
    {
        var doc = Sample().WithHandoff(h => h with { ServiceLevelHours = hours });

        var problems = doc.Problems();

        problems.ShouldBe([("/handoff/serviceLevelHours", code)]);
    }

    [Fact]
    public void At_least_one_rejection_reason_is_needed_and_each_needs_a_label()
    {
        var none = Sample().WithHandoff(h => h with { RejectionReasons = [] });
        var unlabelled = Sample().WithHandoff(h => h with { RejectionReasons = h.RejectionReasons.Replace(0, r => r with { Label = "" }) });

        var noneProblems = none.Problems();
        var unlabelledProblems = unlabelled.Problems();

        noneProblems.ShouldBe([("/handoff/rejectionReasons", "list.too_few")]);
        unlabelledProblems.ShouldBe([("/handoff/rejectionReasons/0/label", "label.empty")]);
    }

    [Theory]
    [InlineData("", "stage.unknown")]
    [InlineData("nurture", "stage.unknown")]
    [InlineData("sql", "handoff.rejected_stage_after_handoff")]
    public void Rejected_leads_must_return_to_a_stage_at_or_before_the_hand_off(string stage, string code)
    {
        var doc = Sample().WithHandoff(h => h with { RejectedStage = stage });

        var problems = doc.Problems();

        problems.ShouldBe([("/handoff/rejectedStage", code)]);
    }

    [Fact]
    public void Rejected_leads_may_return_to_the_hand_off_stage_itself()
    {
        var doc = Sample().WithHandoff(h => h with { RejectedStage = "mql" });

        var problems = doc.Problems();

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Conversion_targets_reference_declared_consecutive_stages_once_each()
    {
        var doc = Sample()
            .WithConversion(0, c => c with { From = "visitor" })
            .WithConversion(1, c => c with { To = "opportunity" })
            .WithConversion(3, c => c with { From = "sql", To = "opportunity" });

        var problems = doc.Problems();

        problems.ShouldBe(
        [
            ("/targets/conversions/0/from", "stage.unknown"),
            ("/targets/conversions/1/to", "targets.not_consecutive"),
            ("/targets/conversions/3/from", "key.duplicate"),
        ]);
    }

    [Theory]
    [InlineData(0, "number.out_of_range")]
    [InlineData(1.01, "number.out_of_range")]
    [InlineData(double.NegativeInfinity, "number.not_finite")]
    public void Conversion_rates_must_be_above_0_and_at_most_1(double rate, string code)
    {
        var accepted = Sample().WithConversion(0, c => c with { Rate = 1 });
        var refused = Sample().WithConversion(0, c => c with { Rate = rate });

        var acceptedProblems = accepted.Problems();
        var refusedProblems = refused.Problems();

        acceptedProblems.ShouldBeEmpty();
        refusedProblems.ShouldBe([("/targets/conversions/0/rate", code)]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3651)]
    public void The_sales_cycle_target_must_be_positive_and_at_most_ten_years(double days)
    {
        var doc = Sample() with { Targets = Sample().Targets with { SalesCycleDays = days } };

        var problems = doc.Problems();

        problems.ShouldBe([("/targets/salesCycleDays", "number.out_of_range")]);
    }
}
