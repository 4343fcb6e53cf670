using SalesAlign.Application.Playbooks;
using SalesAlign.Domain.Playbooks;
using static SalesAlign.Application.Tests.Playbooks.DocumentEdits;
using Op = SalesAlign.Domain.Playbooks.ComparisonOperator;

namespace SalesAlign.Application.Tests.Playbooks;

public sealed class PlaybookDocumentValidatorTests
{
    private static void ShouldReport(PlaybookDocument document, string path, string code)
    {
        var problems = PlaybookValidation.Validate(document);

        problems.ShouldContain(p => p.Path == path && p.Code == code,
            $"expected {code} at {path}; got: {string.Join("; ", problems.Select(p => $"{p.Code} at {p.Path}"))}");
        problems.ShouldAllBe(p => !string.IsNullOrWhiteSpace(p.Message));
    }

    [Fact]
    public void The_sample_playbook_is_valid()
    {
        PlaybookValidation.Validate(Sample).ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_field_in_a_criterion_is_named_by_its_path()
    {
        ShouldReport(Sample.WithCriterionCondition(2, Cmp("jobLevel", Op.Eq, "x")), "/icp/criteria/2/condition/field", "field.unknown");
    }

    [Fact]
    public void Nested_paths_point_into_the_tree()
    {
        var condition = new AllCondition([Cmp("seniority", Op.Eq, "VP"), new AnyCondition([new NotCondition(Cmp("ghost", Op.Exists))])]);

        ShouldReport(Sample.WithCriterionCondition(0, condition), "/icp/criteria/0/condition/all/1/any/0/not/field", "field.unknown");
    }

    [Fact]
    public void An_unknown_event_type_in_a_rule_is_reported()
    {
        ShouldReport(Sample.WithRule(3, r => r with { EventType = "podcast_listened" }), "/scoring/rules/3/eventType", "event_type.unknown");
    }

    [Theory]
    [InlineData("companySize", Op.Eq, "\"big\"", "value.type_mismatch")]
    [InlineData("isCompetitor", Op.Eq, "1", "value.type_mismatch")]
    [InlineData("seniority", Op.Eq, "\"Wizard\"", "value.unknown_choice")]
    [InlineData("currentContractEnds", Op.Lt, "\"next year\"", "value.type_mismatch")]
    [InlineData("title", Op.Contains, "42", "value.type_mismatch")]
    public void A_value_that_does_not_fit_the_field_type_is_reported(string field, Op op, string json, string code)
    {
        var value = System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();

        ShouldReport(Sample.WithCriterionCondition(0, new ComparisonCondition(field, op, value)), "/icp/criteria/0/condition/value", code);
    }

    [Theory]
    [InlineData("isCompetitor", Op.Gt)]
    [InlineData("seniority", Op.Contains)]
    [InlineData("techStack", Op.Eq)]
    [InlineData("currentContractEnds", Op.In)]
    public void An_operator_that_does_not_apply_to_the_field_type_is_reported(string field, Op op)
    {
        ShouldReport(Sample.WithCriterionCondition(0, Cmp(field, op, true)), "/icp/criteria/0/condition/op", "operator.invalid");
    }

    [Fact]
    public void In_needs_a_non_empty_array_and_checks_each_item()
    {
        ShouldReport(Sample.WithCriterionCondition(0, Cmp("industry", Op.In, Array.Empty<string>())), "/icp/criteria/0/condition/value", "value.type_mismatch");
        ShouldReport(Sample.WithCriterionCondition(0, Cmp("industry", Op.In, new[] { "Software", "Mining" })), "/icp/criteria/0/condition/value/1", "value.unknown_choice");
    }

    [Fact]
    public void Between_needs_low_then_high()
    {
        ShouldReport(Sample.WithCriterionCondition(0, Cmp("companySize", Op.Between, new[] { 5000, 200 })), "/icp/criteria/0/condition/value", "value.range");
        ShouldReport(Sample.WithCriterionCondition(0, Cmp("companySize", Op.Between, new[] { 5 })), "/icp/criteria/0/condition/value", "value.type_mismatch");
    }

    [Fact]
    public void Exists_takes_no_value_and_other_operators_need_one()
    {
        ShouldReport(Sample.WithCriterionCondition(0, Cmp("title", Op.Exists, "x")), "/icp/criteria/0/condition/value", "value.unexpected");
        ShouldReport(Sample.WithCriterionCondition(0, Cmp("title", Op.Eq)), "/icp/criteria/0/condition/value", "value.missing");
    }

    [Fact]
    public void Empty_groups_are_refused()
    {
        ShouldReport(Sample.WithMql(new AllCondition([])), "/mql/condition", "condition.empty");
    }

    [Fact]
    public void Built_in_scores_are_allowed_in_the_MQL_rule_only()
    {
        PlaybookValidation.Validate(Sample.WithMql(Cmp("fitScore", Op.Gte, 50))).ShouldBeEmpty();
        ShouldReport(Sample.WithCriterionCondition(0, Cmp("engagementScore", Op.Gte, 50)), "/icp/criteria/0/condition/field", "field.builtin_not_allowed");
        ShouldReport(Sample.WithMql(Cmp("fitGrade", Op.In, new[] { "A", "Z" })), "/mql/condition/value/1", "value.unknown_choice");
    }

    [Fact]
    public void Conditions_nested_too_deep_are_refused()
    {
        Condition condition = Cmp("title", Op.Exists);
        for (var i = 0; i < 20; i++)
            condition = new NotCondition(condition);

        ShouldReport(Sample.WithMql(condition), "/mql/condition" + string.Concat(Enumerable.Repeat("/not", 16)), "condition.too_deep");
    }

    [Fact]
    public void Duplicate_keys_are_reported_on_the_second_occurrence()
    {
        ShouldReport(Sample.WithField(3, f => f with { Key = "title" }), "/fields/3", "key.duplicate");
        ShouldReport(Sample.WithCriterion(5, c => c with { Id = "seniority-vp" }), "/icp/criteria/5", "key.duplicate");
        ShouldReport(Sample.WithRule(1, r => r with { Id = "pricing" }), "/scoring/rules/1", "key.duplicate");
    }

    [Fact]
    public void Keys_must_be_identifiers_and_not_built_in_names()
    {
        ShouldReport(Sample.WithField(0, f => f with { Key = "job title" }), "/fields/0", "key.invalid");
        ShouldReport(Sample.WithField(0, f => f with { Key = "fitScore" }), "/fields/0/key", "key.reserved");
    }

    [Fact]
    public void Choice_fields_need_allowed_values_and_others_must_not_have_them()
    {
        ShouldReport(Sample.WithField(1, f => f with { AllowedValues = [] }), "/fields/1/allowedValues", "field.allowed_values_count");
        ShouldReport(Sample.WithField(3, f => f with { AllowedValues = ["x"] }), "/fields/3/allowedValues", "field.allowed_values_unexpected");
        ShouldReport(Sample.WithField(1, f => f with { AllowedValues = ["VP", "vp"] }), "/fields/1/allowedValues/1", "field.allowed_value_duplicate");
    }

    [Fact]
    public void MultiChoice_fields_hold_at_most_64_values()
    {
        ShouldReport(Sample.WithField(7, f => f with { AllowedValues = Enumerable.Range(0, 65).Select(i => $"tool{i}").ToList() }), "/fields/7/allowedValues", "field.allowed_values_count");
    }

    [Fact]
    public void Overlapping_grade_bands_are_reported()
    {
        ShouldReport(Sample.WithBands(Band("A", 50, null), Band("B", 30, 60), Band("C", null, 30)), "/icp/gradeBands/0", "bands.overlap");
    }

    [Fact]
    public void Gapped_grade_bands_are_reported()
    {
        ShouldReport(Sample.WithBands(Band("A", 60, null), Band("B", 40, 50), Band("C", null, 40)), "/icp/gradeBands/0", "bands.gap");
        ShouldReport(Sample.WithBands(Band("A", 60, null), Band("B", 0, 60)), "/icp/gradeBands", "bands.gap");
        ShouldReport(Sample.WithBands(), "/icp/gradeBands", "bands.missing");
    }

    [Fact]
    public void A_band_whose_minimum_is_not_below_its_maximum_is_reported()
    {
        ShouldReport(Sample.WithBands(Band("A", 60, null), Band("B", 60, 40), Band("C", null, 40)), "/icp/gradeBands/1", "bands.empty");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e9)]
    public void Absurd_points_are_refused(double points)
    {
        ShouldReport(Sample.WithCriterion(0, c => c with { Points = points }), "/icp/criteria/0/points", "number.out_of_range");
    }

    [Fact]
    public void A_zero_point_engagement_rule_is_refused()
    {
        ShouldReport(Sample.WithRule(0, r => r with { Points = 0 }), "/scoring/rules/0/points", "number.zero");
    }

    [Theory]
    [InlineData(-7.0)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(1e300)]
    public void A_negative_zero_or_overflowing_half_life_is_refused(double days)
    {
        ShouldReport(Sample.WithRule(0, r => r with { Decay = new Decay { HalfLifeDays = days } }), "/scoring/rules/0/decay/halfLifeDays", "decay.out_of_range");
    }

    [Fact]
    public void Caps_and_expiries_must_be_positive_and_a_decay_must_say_something()
    {
        ShouldReport(Sample.WithRule(0, r => r with { Cap = -5 }), "/scoring/rules/0/cap", "number.out_of_range");
        ShouldReport(Sample.WithRule(0, r => r with { Decay = new Decay { ExpiresAfterDays = -1 } }), "/scoring/rules/0/decay/expiresAfterDays", "decay.out_of_range");
        ShouldReport(Sample.WithRule(0, r => r with { Decay = new Decay() }), "/scoring/rules/0/decay", "decay.empty");
    }

    [Fact]
    public void Stages_need_exactly_one_hand_off()
    {
        ShouldReport(Sample.WithStage(1, s => s with { Handoff = false }), "/stages", "stages.handoff_count");
        ShouldReport(Sample.WithStage(2, s => s with { Handoff = true }), "/stages", "stages.handoff_count");
    }

    [Fact]
    public void The_hand_off_must_lead_to_a_sales_stage()
    {
        var lastIsHandoff = Sample.WithStage(1, s => s with { Handoff = false }).WithStage(4, s => s with { Handoff = true });

        ShouldReport(lastIsHandoff, "/stages/4/handoff", "stages.handoff_position");
    }

    [Fact]
    public void Rejected_leads_must_go_back_to_a_marketing_stage()
    {
        ShouldReport(Sample with { Handoff = Sample.Handoff with { RejectedStage = "opportunity" } }, "/handoff/rejectedStage", "handoff.rejected_stage");
        ShouldReport(Sample with { Handoff = Sample.Handoff with { RejectedStage = "limbo" } }, "/handoff/rejectedStage", "stage.unknown");
    }

    [Fact]
    public void Hand_off_needs_a_sane_service_level_and_rejection_reasons()
    {
        ShouldReport(Sample with { Handoff = Sample.Handoff with { ServiceLevelHours = 0 } }, "/handoff/serviceLevelHours", "number.out_of_range");
        ShouldReport(Sample with { Handoff = Sample.Handoff with { RejectionReasons = [] } }, "/handoff/rejectionReasons", "handoff.reasons_missing");
    }

    [Fact]
    public void Targets_are_between_consecutive_declared_stages_with_sane_rates()
    {
        var targets = new TargetsSection
        {
            Conversions =
            [
                new ConversionTarget { From = "lead", To = "sql", Rate = 0.5 },
                new ConversionTarget { From = "sql", To = "opportunity", Rate = 1.5 },
                new ConversionTarget { From = "ghost", To = "mql", Rate = 0.5 },
            ],
            SalesCycleDays = -3,
        };

        var doc = Sample with { Targets = targets };

        ShouldReport(doc, "/targets/conversions/0/to", "target.not_consecutive");
        ShouldReport(doc, "/targets/conversions/1/rate", "number.out_of_range");
        ShouldReport(doc, "/targets/conversions/2/from", "stage.unknown");
        ShouldReport(doc, "/targets/salesCycleDays", "number.out_of_range");
    }

    [Fact]
    public void The_approval_policy_needs_sane_counts_and_real_sections()
    {
        var policy = new ApprovalSection
        {
            MarketingApprovals = 9,
            SectionOwners = [new SectionOwnerRule { Path = "/pricing", Team = Team.Sales }, new SectionOwnerRule { Path = "/sql", Team = Team.Sales, Approvals = 0 }],
        };

        var doc = Sample with { Approval = policy };

        ShouldReport(doc, "/approval/marketingApprovals", "number.out_of_range");
        ShouldReport(doc, "/approval/sectionOwners/0/path", "approval.section_unknown");
        ShouldReport(doc, "/approval/sectionOwners/1/approvals", "number.out_of_range");
        PlaybookValidation.Validate(Sample with { Approval = new ApprovalSection { SectionOwners = [new SectionOwnerRule { Path = "/sql", Team = Team.Sales, Approvals = 2 }] } }).ShouldBeEmpty();
    }

    [Fact]
    public void An_unsupported_schema_version_is_reported()
    {
        ShouldReport(Sample with { SchemaVersion = 2 }, "/schemaVersion", "schema.unsupported");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var doc = (Sample with { SchemaVersion = 9 })
            .WithRule(0, r => r with { EventType = "nope" })
            .WithCriterionCondition(1, Cmp("ghost", Op.Eq, 1))
            .WithBands(Band("A", 50, null), Band("B", null, 40))
            .WithStage(1, s => s with { Handoff = false });

        var codes = PlaybookValidation.Validate(doc).Select(p => p.Code).ToList();

        codes.ShouldContain("schema.unsupported");
        codes.ShouldContain("event_type.unknown");
        codes.ShouldContain("field.unknown");
        codes.ShouldContain("bands.gap");
        codes.ShouldContain("stages.handoff_count");
    }

    [Fact]
    public void Parse_and_validate_reports_malformed_json_as_one_problem_with_its_path()
    {
        var (document, problems) = PlaybookValidation.ParseAndValidate("{\"fields\": 3}");

        document.ShouldBeNull();
        problems.ShouldHaveSingleItem().Path.ShouldBe("/fields");
        problems[0].Code.ShouldBe("document.malformed");
    }

    [Fact]
    public void Parse_and_validate_returns_the_document_when_it_is_valid()
    {
        var (document, problems) = PlaybookValidation.ParseAndValidate(PlaybookJson.Serialize(Sample));

        problems.ShouldBeEmpty();
        document.ShouldNotBeNull();
    }
}
