using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Samples;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Domain.Tests.Scoring;

public sealed class ScoringEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly PlaybookDocument Sample = SamplePlaybooks.B2BSaas();
    private static readonly CompiledPlaybook Compiled = CompiledPlaybook.Compile(Sample);

    private static LeadScore Score(LeadData lead, DateTimeOffset? asOf = null)
    {
        var result = Compiled.Score(lead, asOf ?? Now);
        result.Problems.ShouldBeEmpty();
        return result.Score!;
    }

    [Fact]
    public void Ideal_customer_gets_grade_A_and_every_fired_criterion_is_explained()
    {
        var score = Score(Leads.IdealCustomer());

        // VP 15 + title marketing leader 5 + GTM department 10 + size 20 + software 15 + US 5 + budget 10 + CRM 5 + MAP 5
        score.FitScore.ShouldBe(90);
        score.FitGrade.ShouldBe("A");
        score.Explanation.Where(h => h.Kind == RuleKind.Fit).Sum(h => h.Points).ShouldBe(90);
        score.Explanation.ShouldContain(h => h.RuleId == "size-sweet-spot" && h.Points == 20);
    }

    [Fact]
    public void Grade_A_with_enough_engagement_is_an_MQL_routed_to_sales()
    {
        var lead = Leads.IdealCustomer().Event("demo_requested", Now.AddDays(-1));

        var score = Score(lead);

        score.EngagementScore.ShouldBe(40);
        score.IsMql.ShouldBeTrue();
        score.Route.ShouldBe(Route.Sales);
    }

    [Fact]
    public void Without_engagement_a_grade_A_lead_stays_in_nurture()
    {
        var score = Score(Leads.IdealCustomer());

        score.IsMql.ShouldBeFalse();
        score.Route.ShouldBe(Route.Nurture);
        score.Explanation.ShouldContain(h => h.Kind == RuleKind.Mql && !h.Fired);
    }

    [Fact]
    public void A_competitor_is_never_an_MQL_whatever_the_engagement()
    {
        var lead = Leads.IdealCustomer()
            .Events("contact_sales", Now.AddDays(-1))
            .Events("demo_requested", Now.AddDays(-1));
        var competitor = lead with { Fields = new Dictionary<string, System.Text.Json.JsonElement>(lead.Fields) { ["isCompetitor"] = System.Text.Json.JsonSerializer.SerializeToElement(true) } };

        var score = Score(competitor);

        score.EngagementScore.ShouldBe(90);
        score.IsMql.ShouldBeFalse();
    }

    [Theory]
    [InlineData(0, 10.0)]
    [InlineData(14, 5.0)]
    [InlineData(28, 2.5)]
    [InlineData(42, 1.25)]
    public void Half_life_halves_an_events_points_every_half_life(int daysAgo, double expected)
    {
        var lead = Leads.With().Event("pricing_page_view", Now.AddDays(-daysAgo));

        var score = Score(lead);

        score.EngagementScore.ShouldBe(expected, tolerance: 1e-9);
    }

    [Fact]
    public void The_same_lead_scores_lower_as_time_passes()
    {
        var lead = Leads.With().Event("webinar_attended", Now);

        var scores = new[] { 0, 30, 60, 90 }.Select(d => Score(lead, Now.AddDays(d)).EngagementScore).ToList();

        scores.ShouldBe([15, 7.5, 3.75, 1.875], tolerance: 1e-9);
    }

    [Theory]
    [InlineData(59, 40)]
    [InlineData(60, 40)]
    [InlineData(61, 0)]
    public void Expiry_drops_an_event_entirely_after_its_window(int daysAgo, double expected)
    {
        var lead = Leads.With().Event("demo_requested", Now.AddDays(-daysAgo));

        Score(lead).EngagementScore.ShouldBe(expected);
    }

    [Fact]
    public void Events_after_the_scoring_moment_do_not_count()
    {
        var lead = Leads.With().Event("demo_requested", Now.AddDays(1));

        var score = Score(lead);

        score.EngagementScore.ShouldBe(0);
        score.Explanation.ShouldNotContain(h => h.Kind == RuleKind.Engagement);
    }

    [Fact]
    public void A_cap_bounds_a_rules_total_and_the_explanation_says_so()
    {
        var lead = Leads.With().Events("pricing_page_view", Enumerable.Repeat(Now, 10).ToArray());

        var score = Score(lead);

        score.EngagementScore.ShouldBe(30);
        score.Explanation.Single(h => h.RuleId == "pricing").Detail.ShouldBe("10 events, capped at 30");
    }

    [Fact]
    public void A_cap_also_bounds_negative_rules()
    {
        var lead = Leads.With().Events("careers_page_view", Now, Now, Now, Now);

        Score(lead).EngagementScore.ShouldBe(-20);
    }

    [Fact]
    public void Missing_fields_are_unknown_so_no_criterion_on_them_fires_but_exists_is_false()
    {
        var score = Score(Leads.With(("seniority", "VP")));

        score.Explanation.Where(h => h.Kind == RuleKind.Fit).Select(h => h.RuleId).ShouldBe(["seniority-vp"]);
        score.FitGrade.ShouldBe("D");
    }

    [Fact]
    public void Null_values_are_unknown_too()
    {
        var score = Score(Leads.With(("companySize", null), ("country", null)));

        score.FitScore.ShouldBe(0);
    }

    [Fact]
    public void Choice_values_match_case_insensitively()
    {
        Score(Leads.With(("seniority", "vp"))).FitScore.ShouldBe(15);
    }

    [Fact]
    public void SQL_checklist_reports_each_check_and_ready_only_when_all_hold()
    {
        var partial = Leads.With(("budgetConfirmed", true), ("decisionMakerReached", true), ("needStated", true), ("timelineDays", 120));
        var full = Leads.With(("budgetConfirmed", true), ("decisionMakerReached", true), ("needStated", true), ("timelineDays", 60));

        var partialScore = Score(partial);
        var fullScore = Score(full);

        partialScore.IsSqlReady.ShouldBeFalse();
        partialScore.SqlChecklist.Single(c => c.Id == "timeline").Passed.ShouldBeFalse();
        partialScore.SqlChecklist.Count(c => c.Passed).ShouldBe(4);
        fullScore.IsSqlReady.ShouldBeTrue();
    }

    [Fact]
    public void Date_fields_compare_as_dates()
    {
        Score(Leads.With(("currentContractEnds", "2027-03-31"))).FitScore.ShouldBe(5);
        Score(Leads.With(("currentContractEnds", "2027-07-01"))).FitScore.ShouldBe(0);
    }

    [Fact]
    public void Wrong_types_unknown_fields_and_unknown_events_are_all_reported_with_paths()
    {
        var lead = Leads.With(("companySize", "big"), ("favouriteColour", "blue"), ("seniority", "Wizard"), ("techStack", new[] { "Excel" }), ("currentContractEnds", "31/12/2027"))
            .Event("rocket_launch", Now);

        var result = Compiled.Score(lead, Now);

        result.IsSuccess.ShouldBeFalse();
        result.Problems.Select(p => p.Path).ShouldBe(
            ["/fields/companySize", "/fields/favouriteColour", "/fields/seniority", "/fields/techStack", "/fields/currentContractEnds", "/events/0/type"],
            ignoreOrder: true);
        result.Problems.Single(p => p.Path == "/fields/companySize").Message.ShouldContain("expected a finite number");
        result.Problems.Single(p => p.Path == "/fields/seniority").Message.ShouldContain("'Wizard' is not one of");
    }

    [Fact]
    public void Lead_validation_alone_reports_the_same_problems_as_binding()
    {
        var lead = Leads.With(("companySize", true), ("nope", 1)).Event("nope", Now);

        var problems = LeadValidation.Validate(Sample, lead);

        problems.ShouldBe(Compiled.Bind(lead).Problems);
    }

    [Fact]
    public void Too_many_events_are_refused()
    {
        var lead = Leads.With().Events("email_opened", Enumerable.Repeat(Now, LeadValidation.MaxEventsPerLead + 1).ToArray());

        Compiled.Bind(lead).Problems.Single().Path.ShouldBe("/events");
    }

    [Fact]
    public void Evaluate_fills_rule_outcomes_only_when_given_room()
    {
        var bound = Compiled.Bind(Leads.IdealCustomer()).Lead!;
        var outcomes = new RuleOutcome[Compiled.OutcomeCount];

        var withOutcomes = Compiled.Evaluate(bound, Now, outcomes);
        var without = Compiled.Evaluate(bound, Now);

        without.ShouldBe(withOutcomes);
        outcomes.Count(o => o.Fired).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Compiling_an_unvalidated_document_with_an_unknown_field_names_the_path()
    {
        var broken = Sample with { Mql = new MqlSection { Condition = new ComparisonCondition("ghost", ComparisonOperator.Exists, null) } };

        var ex = Should.Throw<PlaybookCompilationException>(() => CompiledPlaybook.Compile(broken));

        ex.Path.ShouldBe("/mql/condition/field");
    }
}
