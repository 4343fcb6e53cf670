using SalesAlign.Domain.Playbooks.Validation;
using SalesAlign.Domain.Playbooks;
using static SalesAlign.Domain.Tests.Playbooks.Validation.DocumentEdits;

namespace SalesAlign.Domain.Tests.Playbooks.Validation;

/// <summary>Fields' allowed values, ICP criteria, grade bands and engagement rules.</summary>
public sealed class SectionValidationTests
{
    [Fact]
    public void Choice_fields_need_allowed_values()
    {
        var doc = Sample() with { Fields = Sample().Fields.Append(Field("plan", FieldType.Choice), Field("addons", FieldType.MultiChoice)) };

        var problems = doc.Problems();

        problems.ShouldBe([("/fields/15/allowedValues", "field.allowed_values_missing"), ("/fields/16/allowedValues", "field.allowed_values_missing")]);
    }

    [Fact]
    public void Other_field_types_must_not_have_allowed_values()
    {
        var doc = Sample().WithField(CompanySize, f => f with { AllowedValues = ["1", "2"] });

        var problems = doc.Problems();

        problems.ShouldBe([("/fields/3/allowedValues", "field.allowed_values_not_allowed")]);
    }

    [Fact]
    public void Allowed_values_must_be_non_empty_and_unique()
    {
        var doc = Sample().WithField(Seniority, f => f with { AllowedValues = [.. f.AllowedValues!, "", "vp"] });

        var problems = doc.Problems();

        problems.ShouldBe([("/fields/1/allowedValues/6", "field.allowed_value_empty"), ("/fields/1/allowedValues/7", "field.allowed_value_duplicate")]);
    }

    [Fact]
    public void Multi_choice_fields_are_limited_to_64_values_and_choice_fields_to_500()
    {
        string[] Values(int n) => Enumerable.Range(0, n).Select(i => $"v{i}").ToArray();
        var doc = Sample() with
        {
            Fields = Sample().Fields.Append(
                Field("multi64", FieldType.MultiChoice, Values(64)),
                Field("multi65", FieldType.MultiChoice, Values(65)),
                Field("choice500", FieldType.Choice, Values(500)),
                Field("choice501", FieldType.Choice, Values(501))),
        };

        var problems = doc.Problems();

        problems.ShouldBe([("/fields/16/allowedValues", "field.allowed_values_too_many"), ("/fields/18/allowedValues", "field.allowed_values_too_many")]);
    }

    [Theory]
    [InlineData(10_000.5)]
    [InlineData(-10_001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Criterion_points_must_be_finite_and_within_ten_thousand(double points)
    {
        var doc = Sample().WithCriterion(5, c => c with { Points = points });

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/criteria/5/points", double.IsFinite(points) ? "number.out_of_range" : "number.not_finite")]);
    }

    [Fact]
    public void At_most_500_criteria_are_allowed()
    {
        var extra = Enumerable.Range(0, 481).Select(i => Sample().Icp.Criteria[0] with { Id = $"extra{i}" }).ToArray();
        var doc = Sample() with { Icp = Sample().Icp with { Criteria = Sample().Icp.Criteria.Append(extra) } };

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/criteria", "list.too_many")]);
    }

    [Fact]
    public void At_least_one_grade_band_is_needed()
    {
        var doc = Sample().WithMql(Compare("engagementScore", ComparisonOperator.Gte, "40")).WithBands();

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/gradeBands", "list.too_few")]);
    }

    [Fact]
    public void A_single_unbounded_band_is_a_valid_tiling()
    {
        var doc = Sample().WithMql(Compare("fitGrade", ComparisonOperator.Eq, "\"All\"")).WithBands(Band("All", null, null));

        var problems = doc.Problems();

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_band_whose_minimum_is_not_below_its_maximum_is_reported()
    {
        var doc = Sample().WithBands(Band("A", 60, null), Band("B", 40, 60), Band("C", 40, 40), Band("D", null, 40));

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/gradeBands/2/max", "bands.empty_range")]);
    }

    [Fact]
    public void A_gap_between_bands_is_reported_on_both_bands()
    {
        var doc = Sample().WithBands(Band("A", 60, null), Band("B", 45, 60), Band("C", 20, 40), Band("D", null, 20));

        var problems = PlaybookValidation.Validate(doc);

        problems.Select(p => (p.Path, p.Code)).ShouldBe([("/icp/gradeBands/2/max", "bands.gap"), ("/icp/gradeBands/1/min", "bands.gap")]);
        problems[0].Message.ShouldStartWith("Fit scores from 40 to 45 get no grade");
    }

    [Fact]
    public void An_overlap_between_bands_is_reported_on_both_bands()
    {
        var doc = Sample().WithBands(Band("A", 60, null), Band("B", 35, 60), Band("C", 20, 40), Band("D", null, 20));

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/gradeBands/2/max", "bands.overlap"), ("/icp/gradeBands/1/min", "bands.overlap")]);
    }

    [Fact]
    public void A_band_inside_another_is_an_overlap_not_a_gap()
    {
        var doc = Sample().WithBands(Band("A", 60, null), Band("B", 20, 60), Band("C", 30, 40), Band("D", null, 20));

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/gradeBands/1/max", "bands.overlap"), ("/icp/gradeBands/2/min", "bands.overlap")]);
    }

    [Fact]
    public void Without_an_unbounded_lowest_and_highest_band_the_ends_are_gaps()
    {
        var doc = Sample().WithBands(Band("A", 60, 100), Band("B", 40, 60), Band("C", 20, 40), Band("D", 0, 20));

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/gradeBands/3/min", "bands.gap"), ("/icp/gradeBands/0/max", "bands.gap")]);
    }

    [Fact]
    public void Two_unbounded_bands_at_the_same_end_overlap()
    {
        var doc = Sample().WithBands(Band("A", 60, null), Band("B", 40, null), Band("C", null, 40), Band("D", null, 20));

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/gradeBands/2/min", "bands.overlap"), ("/icp/gradeBands/1/max", "bands.overlap")]);
    }

    [Fact]
    public void An_unbounded_top_band_overlapping_a_bounded_one_is_reported()
    {
        var doc = Sample().WithBands(Band("A", 40, null), Band("B", 40, 60), Band("C", 20, 40), Band("D", null, 20));

        var problems = doc.Problems();

        problems.ShouldBe([("/icp/gradeBands/1/max", "bands.overlap"), ("/icp/gradeBands/0/min", "bands.overlap")]);
    }

    [Fact]
    public void An_engagement_rule_must_score_a_declared_event_type()
    {
        var doc = Sample().WithRule(0, r => r with { EventType = "Pricing_page_view" }).WithRule(1, r => r with { EventType = "" });

        var problems = doc.Problems();

        problems.ShouldBe([("/scoring/rules/0/eventType", "event_type.unknown"), ("/scoring/rules/1/eventType", "event_type.unknown")]);
    }

    [Theory]
    [InlineData(0, "points.zero")]
    [InlineData(10_001, "number.out_of_range")]
    [InlineData(-10_001, "number.out_of_range")]
    [InlineData(double.NaN, "number.not_finite")]
    public void Engagement_points_must_be_non_zero_finite_and_within_ten_thousand(double points, string code)
    {
        var doc = Sample().WithRule(2, r => r with { Points = points });

        var problems = doc.Problems();

        problems.ShouldBe([("/scoring/rules/2/points", code)]);
    }

    [Theory]
    [InlineData(0, "number.out_of_range")]
    [InlineData(-5, "number.out_of_range")]
    [InlineData(100_001, "number.out_of_range")]
    [InlineData(double.PositiveInfinity, "number.not_finite")]
    public void A_cap_must_be_positive_and_at_most_100_000(double cap, string code)
    {
        var doc = Sample().WithRule(0, r => r with { Cap = cap });

        var problems = doc.Problems();

        problems.ShouldBe([("/scoring/rules/0/cap", code)]);
    }

    [Fact]
    public void Decay_needs_a_half_life_or_an_expiry_within_ten_years()
    {
        var doc = Sample()
            .WithRule(0, r => r with { Decay = new Decay() })
            .WithRule(1, r => r with { Decay = new Decay { HalfLifeDays = -3 } })
            .WithRule(2, r => r with { Decay = new Decay { HalfLifeDays = 0, ExpiresAfterDays = 3651 } })
            .WithRule(3, r => r with { Decay = new Decay { HalfLifeDays = double.NaN } })
            .WithRule(4, r => r with { Decay = new Decay { HalfLifeDays = 3650, ExpiresAfterDays = 0.5 } });

        var problems = doc.Problems();

        problems.ShouldBe(
        [
            ("/scoring/rules/0/decay", "decay.empty"),
            ("/scoring/rules/1/decay/halfLifeDays", "number.out_of_range"),
            ("/scoring/rules/2/decay/halfLifeDays", "number.out_of_range"),
            ("/scoring/rules/2/decay/expiresAfterDays", "number.out_of_range"),
            ("/scoring/rules/3/decay/halfLifeDays", "number.not_finite"),
        ]);
    }

    [Fact]
    public void At_most_500_engagement_rules_are_allowed()
    {
        var extra = Enumerable.Range(0, 487).Select(i => Sample().Scoring.Rules[0] with { Id = $"extra{i}" }).ToArray();
        var doc = Sample() with { Scoring = new ScoringSection { Rules = Sample().Scoring.Rules.Append(extra) } };

        var problems = doc.Problems();

        problems.ShouldBe([("/scoring/rules", "list.too_many")]);
    }
}
