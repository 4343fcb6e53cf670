using System.Text.Json.Nodes;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Playbooks.Diff;
using SalesAlign.Domain.Samples;
using static SalesAlign.Domain.Tests.Playbooks.PlaybookEdits;

namespace SalesAlign.Domain.Tests.Playbooks;

public sealed class DiffTests
{
    private static readonly PlaybookDocument Sample = SamplePlaybooks.B2BSaas();

    [Fact]
    public void Identical_documents_have_no_changes()
    {
        var copy = PlaybookJson.Parse(PlaybookJson.Serialize(Sample)).Document!;

        var changes = DocumentDiff.Compare(Sample, copy);

        changes.ShouldBeEmpty();
    }

    [Fact]
    public void Changing_points_is_one_modification_people_can_read()
    {
        var after = Sample.WithCriterionPoints("seniority-vp", 20);

        var change = DocumentDiff.Compare(Sample, after).ShouldHaveSingleItem();

        change.Kind.ShouldBe(ChangeKind.Modified);
        change.Path.ShouldBe("/icp/criteria/1/points");
        change.Key.ShouldBe("/icp/criteria[id=seniority-vp]/points");
        change.Before!.GetValue<double>().ShouldBe(15);
        change.After!.GetValue<double>().ShouldBe(20);
        change.Description.ShouldBe("ICP: points for \"Seniority = VP\" 15 → 20");
    }

    [Fact]
    public void Adding_an_engagement_rule_names_it_with_its_points()
    {
        var after = Sample.WithRule(Rule("trial-repeat", "Second trial started", "trial_started", 30));

        var change = DocumentDiff.Compare(Sample, after).ShouldHaveSingleItem();

        change.Kind.ShouldBe(ChangeKind.Added);
        change.Path.ShouldBe($"/scoring/rules/{Sample.Scoring.Rules.Count}");
        change.Key.ShouldBe("/scoring/rules[id=trial-repeat]");
        change.Before.ShouldBeNull();
        change.After!["eventType"]!.GetValue<string>().ShouldBe("trial_started");
        change.Description.ShouldBe("Engagement scoring: added engagement rule \"Second trial started\" (+30)");
    }

    [Fact]
    public void Removing_a_field_points_into_the_before_document()
    {
        var after = Sample.WithoutField("industry");

        var change = DocumentDiff.Compare(Sample, after).ShouldHaveSingleItem();

        change.Kind.ShouldBe(ChangeKind.Removed);
        change.Path.ShouldBe("/fields/4");
        change.Key.ShouldBe("/fields[key=industry]");
        change.After.ShouldBeNull();
        change.Description.ShouldBe("Fields: removed field \"Industry\"");
    }

    [Fact]
    public void Removing_a_criterion_with_negative_points_and_adding_one_are_both_reported()
    {
        var after = Sample.WithoutCriterion("seniority-student")
            .WithCriterion(Criterion("country-us", "Country = US", "country", "US", -5));

        var changes = DocumentDiff.Compare(Sample, after);

        changes.Select(c => c.Description).ShouldBe(
        [
            "ICP: removed criterion \"Seniority = Student\"",
            "ICP: added criterion \"Country = US\" (-5)",
        ]);
    }

    [Fact]
    public void Reordering_criteria_is_not_a_change()
    {
        var after = Sample.WithCriteria(Sample.Icp.Criteria.Reverse());

        var changes = DocumentDiff.Compare(Sample, after);

        changes.ShouldBeEmpty();
    }

    [Fact]
    public void Reordering_stages_is_one_move_of_the_funnel()
    {
        var after = Sample.WithStagesSwapped("lead", "mql");

        var change = DocumentDiff.Compare(Sample, after).ShouldHaveSingleItem();

        change.Kind.ShouldBe(ChangeKind.Moved);
        change.Path.ShouldBe("/stages");
        change.Key.ShouldBe("/stages");
        change.After.ShouldBeOfType<JsonArray>().Count.ShouldBe(5);
        change.Description.ShouldBe("Stages: reordered (Marketing qualified → Lead → Sales qualified → Opportunity → Customer)");
    }

    [Fact]
    public void A_condition_change_is_one_whole_value_change()
    {
        var after = Sample.WithMqlCondition(Gte("engagementScore", 50));

        var change = DocumentDiff.Compare(Sample, after).ShouldHaveSingleItem();

        change.Kind.ShouldBe(ChangeKind.Modified);
        change.Path.ShouldBe("/mql/condition");
        change.Before!["all"].ShouldNotBeNull();
        change.After!["field"]!.GetValue<string>().ShouldBe("engagementScore");
        change.Description.ShouldBe("MQL rule: condition changed");
    }

    [Fact]
    public void A_criterion_condition_change_names_the_criterion()
    {
        var after = Sample.WithCriterionCondition("seniority-vp", Eq("seniority", "Director"));

        var change = DocumentDiff.Compare(Sample, after).ShouldHaveSingleItem();

        change.Path.ShouldBe("/icp/criteria/1/condition");
        change.Description.ShouldBe("ICP: condition for \"Seniority = VP\" changed");
    }

    [Fact]
    public void Number_spelling_is_not_a_change()
    {
        var json = SamplePlaybooks.B2BSaasJson
            .Replace("\"value\": 5000\n", "\"value\": 5000.0\n", StringComparison.Ordinal)
            .Replace("\"value\": 50000", "\"value\": 5e4", StringComparison.Ordinal);
        var respelled = PlaybookJson.Parse(json).Document!;

        var changes = DocumentDiff.Compare(Sample, respelled);

        json.ShouldContain("5000.0");
        json.ShouldContain("5e4");
        changes.ShouldBeEmpty();
    }

    [Fact]
    public void Service_level_change_reads_with_its_unit()
    {
        var after = Sample.WithServiceLevel(48);

        var change = DocumentDiff.Compare(Sample, after).ShouldHaveSingleItem();

        change.Path.ShouldBe("/handoff/serviceLevelHours");
        change.Description.ShouldBe("Hand-off: service level 24 → 48 hours");
    }

    [Fact]
    public void Allowed_values_are_compared_as_a_whole_list()
    {
        var after = Sample.WithFieldEdited("seniority", f => f with { AllowedValues = [.. f.AllowedValues!.Where(v => v != "Student"), "Intern"] });

        var change = DocumentDiff.Compare(Sample, after).ShouldHaveSingleItem();

        change.Path.ShouldBe("/fields/1/allowedValues");
        change.Before.ShouldBeOfType<JsonArray>().Count.ShouldBe(6);
        change.After.ShouldBeOfType<JsonArray>().Count.ShouldBe(6);
        change.Description.ShouldBe("Fields: allowed values for \"Seniority\" changed (added \"Intern\", removed \"Student\")");
    }

    [Fact]
    public void Optional_values_that_appear_or_disappear_are_described()
    {
        var after = Sample
            .WithRuleEdited("trial", r => r with { Cap = 60 })
            .WithRuleEdited("unsubscribed", r => r with { Label = null });

        var changes = DocumentDiff.Compare(Sample, after);

        changes.Select(c => (c.Kind, c.Description)).ShouldBe(
        [
            (ChangeKind.Added, "Engagement scoring: cap for \"Trial started\" set to 60"),
            (ChangeKind.Removed, "Engagement scoring: label for \"Unsubscribed\" removed (was \"Unsubscribed\")"),
        ]);
    }

    [Fact]
    public void Renames_and_decay_read_in_words()
    {
        var after = Sample
            .WithStageName("sql", "SQL")
            .WithRuleEdited("trial", r => r with { Decay = r.Decay! with { HalfLifeDays = 10 } })
            .WithRuleEdited("unsubscribed", r => r with { Decay = new Decay { HalfLifeDays = 90, ExpiresAfterDays = 365 } });

        var descriptions = DocumentDiff.Compare(Sample, after).Select(c => c.Description);

        descriptions.ShouldBe(
        [
            "Engagement scoring: decay half-life for \"Trial started\" set to 10 days",
            "Engagement scoring: decay for \"Unsubscribed\" set to half-life 90 days, expiry 365 days",
            "Stages: renamed stage \"Sales qualified\" → \"SQL\"",
        ]);
    }

    [Fact]
    public void Key_paths_escape_keys_so_they_stay_unambiguous()
    {
        var after = Sample.WithRule(Rule("a/b~[c]", "Odd id", "email_opened", 1));

        var change = DocumentDiff.Compare(Sample, after).ShouldHaveSingleItem();

        change.Key.ShouldBe("/scoring/rules[id=a~1b~0[c~2]");
    }

    [Fact]
    public void Changes_come_in_document_order_with_removals_where_they_were()
    {
        var after = Sample
            .WithServiceLevel(12)
            .WithCriterionPoints("budget-50k", 12)
            .WithoutCriterion("seniority-director")
            .WithoutField("title")
            .WithStageName("sql", "SQL");

        var paths = DocumentDiff.Compare(Sample, after).Select(c => c.Path);

        paths.ShouldBe(["/fields/0", "/icp/criteria/2", "/icp/criteria/12/points", "/stages/2/name", "/handoff/serviceLevelHours"]);
    }
}
