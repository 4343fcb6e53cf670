using System.Text.Json.Nodes;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Playbooks.Diff;
using SalesAlign.Domain.Samples;
using static SalesAlign.Domain.Tests.Playbooks.PlaybookEdits;

namespace SalesAlign.Domain.Tests.Playbooks;

public sealed class MergeTests
{
    private static readonly PlaybookDocument Base = SamplePlaybooks.B2BSaas();

    [Fact]
    public void Disjoint_changes_merge_cleanly_and_keep_both()
    {
        var theirs = Base.WithCriterionPoints("seniority-vp", 20);
        var ours = Base.WithRule(Rule("trial-repeat", "Second trial started", "trial_started", 30));

        var result = DocumentMerge.Merge(Base, theirs, ours);

        result.IsClean.ShouldBeTrue();
        result.Document!.Icp.Criteria.Single(c => c.Id == "seniority-vp").Points.ShouldBe(20);
        result.Document.Scoring.Rules.ShouldContain(r => r.Id == "trial-repeat");
        HashOf(result).ShouldBe(PlaybookJson.ContentHash(ours.WithCriterionPoints("seniority-vp", 20)));
    }

    [Fact]
    public void The_same_change_on_both_sides_merges_cleanly()
    {
        var both = Base.WithServiceLevel(48).WithoutField("industry");

        var result = DocumentMerge.Merge(Base, both, both);

        result.IsClean.ShouldBeTrue();
        HashOf(result).ShouldBe(PlaybookJson.ContentHash(both));
    }

    [Fact]
    public void Different_changes_to_the_same_points_conflict_with_all_three_values()
    {
        var theirs = Base.WithCriterionPoints("seniority-vp", 20);
        var ours = Base.WithCriterionPoints("seniority-vp", 25);

        var result = DocumentMerge.Merge(Base, theirs, ours);

        result.IsClean.ShouldBeFalse();
        result.Document.ShouldBeNull();
        var conflict = result.Conflicts.ShouldHaveSingleItem();
        conflict.Path.ShouldBe("/icp/criteria/1/points");
        conflict.Key.ShouldBe("/icp/criteria[id=seniority-vp]/points");
        conflict.Base!.GetValue<double>().ShouldBe(15);
        conflict.Theirs!.GetValue<double>().ShouldBe(20);
        conflict.Ours!.GetValue<double>().ShouldBe(25);
        conflict.Description.ShouldBe(
            "ICP: points for \"Seniority = VP\" changed on both sides: 15 → 20 in the published version, 15 → 25 in this proposal");
        result.MergedNode["icp"]!["criteria"]![1]!["points"]!.GetValue<double>().ShouldBe(25);
    }

    [Fact]
    public void Removing_an_item_one_side_changed_is_a_conflict()
    {
        var theirs = Base.WithoutRule("trial");
        var ours = Base.WithRuleEdited("trial", r => r with { Points = 40 });

        var result = DocumentMerge.Merge(Base, theirs, ours);

        var conflict = result.Conflicts.ShouldHaveSingleItem();
        conflict.Key.ShouldBe("/scoring/rules[id=trial]");
        conflict.Path.ShouldBe("/scoring/rules/7");
        conflict.Theirs.ShouldBeNull();
        conflict.Ours!["points"]!.GetValue<double>().ShouldBe(40);
        conflict.Description.ShouldBe(
            "Engagement scoring: engagement rule \"Trial started\" was removed in the published version but changed in this proposal");
    }

    [Fact]
    public void Items_we_removed_and_they_changed_each_get_their_own_path()
    {
        var theirs = Base.WithRuleEdited("trial", r => r with { Points = 35 }).WithRuleEdited("booth", r => r with { Points = 11 });
        var ours = Base.WithoutRule("trial").WithoutRule("booth");
        var merged = DocumentMerge.Merge(Base, theirs, ours);

        var resolved = merged.Resolve(merged.Conflicts.ToDictionary(c => c.Path, _ => ConflictChoice.Theirs));

        merged.Conflicts.Select(c => c.Path).ShouldBe(["/scoring/rules/12", "/scoring/rules/13"]);
        merged.Conflicts.ShouldAllBe(c => c.Ours == null);
        resolved.IsClean.ShouldBeTrue();
        resolved.Document!.Scoring.Rules.TakeLast(2).Select(r => (r.Id, r.Points)).ShouldBe([("trial", 35d), ("booth", 11d)]);
    }

    [Fact]
    public void Removing_an_unchanged_item_on_one_side_removes_it()
    {
        var theirs = Base.WithoutRule("trial");
        var ours = Base.WithRuleEdited("booth", r => r with { Points = 12 });

        var result = DocumentMerge.Merge(Base, theirs, ours);

        result.IsClean.ShouldBeTrue();
        result.Document!.Scoring.Rules.ShouldNotContain(r => r.Id == "trial");
        result.Document.Scoring.Rules.Single(r => r.Id == "booth").Points.ShouldBe(12);
    }

    [Fact]
    public void Adding_the_same_key_with_different_content_conflicts_on_the_item()
    {
        var theirs = Base.WithRule(Rule("trial-repeat", "Second trial started", "trial_started", 30));
        var ours = Base.WithRule(Rule("trial-repeat", "Second trial started", "trial_started", 20));

        var result = DocumentMerge.Merge(Base, theirs, ours);

        var conflict = result.Conflicts.ShouldHaveSingleItem();
        conflict.Key.ShouldBe("/scoring/rules[id=trial-repeat]");
        conflict.Path.ShouldBe($"/scoring/rules/{Base.Scoring.Rules.Count}");
        conflict.Base.ShouldBeNull();
        conflict.Theirs!["points"]!.GetValue<double>().ShouldBe(30);
        conflict.Ours!["points"]!.GetValue<double>().ShouldBe(20);
    }

    [Fact]
    public void Adding_the_same_item_on_both_sides_keeps_it_once()
    {
        var added = Base.WithRule(Rule("trial-repeat", "Second trial started", "trial_started", 30));

        var result = DocumentMerge.Merge(Base, added, added);

        result.IsClean.ShouldBeTrue();
        result.Document!.Scoring.Rules.Count(r => r.Id == "trial-repeat").ShouldBe(1);
    }

    [Fact]
    public void Their_additions_follow_ours_in_their_order()
    {
        var theirs = Base.WithRule(Rule("t1", "T1", "email_opened", 1)).WithRule(Rule("t2", "T2", "email_opened", 2));
        var ours = Base.WithRule(Rule("o1", "O1", "email_opened", 3));

        var result = DocumentMerge.Merge(Base, theirs, ours);

        result.Document!.Scoring.Rules.TakeLast(3).Select(r => r.Id).ShouldBe(["o1", "t1", "t2"]);
    }

    [Fact]
    public void Conditions_conflict_as_whole_values()
    {
        var theirs = Base.WithMqlCondition(Gte("engagementScore", 50));
        var ours = Base.WithMqlCondition(Gte("engagementScore", 60));

        var result = DocumentMerge.Merge(Base, theirs, ours);

        var conflict = result.Conflicts.ShouldHaveSingleItem();
        conflict.Path.ShouldBe("/mql/condition");
        conflict.Base!["all"].ShouldNotBeNull();
        conflict.Theirs!["value"]!.GetValue<double>().ShouldBe(50);
        conflict.Description.ShouldBe("MQL rule: condition was changed differently in the published version and in this proposal");
    }

    [Fact]
    public void A_stage_reorder_on_one_side_is_taken_with_the_other_sides_edits()
    {
        var theirs = Base.WithStagesSwapped("sql", "opportunity");
        var ours = Base.WithStageName("lead", "Raw lead");

        var result = DocumentMerge.Merge(Base, theirs, ours);

        result.IsClean.ShouldBeTrue();
        result.Document!.Stages.Select(s => s.Key).ShouldBe(["lead", "mql", "opportunity", "sql", "customer"]);
        result.Document.Stages[0].Name.ShouldBe("Raw lead");
    }

    [Fact]
    public void A_stage_added_under_their_reorder_stays_after_the_stage_it_followed()
    {
        var theirs = Base.WithStagesSwapped("sql", "opportunity");
        var ours = Base.WithStageInsertedAfter("mql", new StageDefinition { Key = "sal", Name = "Sales accepted", Owner = Team.Sales });

        var result = DocumentMerge.Merge(Base, theirs, ours);

        result.IsClean.ShouldBeTrue();
        result.Document!.Stages.Select(s => s.Key).ShouldBe(["lead", "mql", "sal", "opportunity", "sql", "customer"]);
    }

    [Fact]
    public void Different_stage_reorders_are_one_ordering_conflict()
    {
        var theirs = Base.WithStagesSwapped("sql", "opportunity");
        var ours = Base.WithStagesSwapped("lead", "mql");

        var result = DocumentMerge.Merge(Base, theirs, ours);

        var conflict = result.Conflicts.ShouldHaveSingleItem();
        conflict.Path.ShouldBe("/stages");
        conflict.Theirs.ShouldBeOfType<JsonArray>().Select(k => k!.GetValue<string>()).ShouldBe(["lead", "mql", "opportunity", "sql", "customer"]);
        conflict.Description.ShouldBe("Stages: the stages were reordered differently in the published version and in this proposal");

        var resolved = result.Resolve(new Dictionary<string, ConflictChoice> { ["/stages"] = ConflictChoice.Theirs });

        resolved.IsClean.ShouldBeTrue();
        HashOf(resolved).ShouldBe(PlaybookJson.ContentHash(theirs));
    }

    [Fact]
    public void Resolving_every_conflict_gives_a_clean_document_that_parses()
    {
        var theirs = Base.WithCriterionPoints("seniority-vp", 20).WithoutRule("trial").WithServiceLevel(36);
        var ours = Base.WithCriterionPoints("seniority-vp", 25).WithRuleEdited("trial", r => r with { Points = 40 })
            .WithRuleEdited("booth", r => r with { Cap = 30 });
        var merged = DocumentMerge.Merge(Base, theirs, ours);
        var choices = merged.Conflicts.ToDictionary(
            c => c.Path, c => c.Key.EndsWith("/points", StringComparison.Ordinal) ? ConflictChoice.Theirs : ConflictChoice.Base);

        var resolved = merged.Resolve(choices);

        merged.Conflicts.Count.ShouldBe(2);
        resolved.IsClean.ShouldBeTrue();
        resolved.Document.ShouldNotBeNull();
        var expected = Base.WithCriterionPoints("seniority-vp", 20).WithRuleEdited("booth", r => r with { Cap = 30 }).WithServiceLevel(36);
        HashOf(resolved).ShouldBe(PlaybookJson.ContentHash(expected));
    }

    [Fact]
    public void Resolving_part_of_the_conflicts_leaves_the_rest()
    {
        var theirs = Base.WithCriterionPoints("seniority-vp", 20).WithServiceLevel(36);
        var ours = Base.WithCriterionPoints("seniority-vp", 25).WithServiceLevel(12);
        var merged = DocumentMerge.Merge(Base, theirs, ours);

        var resolved = merged.Resolve(new Dictionary<string, ConflictChoice> { ["/handoff/serviceLevelHours"] = ConflictChoice.Ours });

        merged.Conflicts.Count.ShouldBe(2);
        resolved.Conflicts.ShouldHaveSingleItem().Path.ShouldBe("/icp/criteria/1/points");
        resolved.Document.ShouldBeNull();
        resolved.MergedNode["handoff"]!["serviceLevelHours"]!.GetValue<double>().ShouldBe(12);
    }

    [Fact]
    public void Resolving_a_path_without_a_conflict_is_refused()
    {
        var merged = DocumentMerge.Merge(Base, Base.WithServiceLevel(36), Base.WithServiceLevel(12));

        Should.Throw<ArgumentException>(() =>
            merged.Resolve(new Dictionary<string, ConflictChoice> { ["/icp/criteria/1/points"] = ConflictChoice.Ours }));
    }

    private static string HashOf(MergeResult result) =>
        PlaybookJson.ContentHash(result.Document.ShouldNotBeNull());
}
