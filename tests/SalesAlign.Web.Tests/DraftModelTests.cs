using System.Text.Json.Nodes;
using SalesAlign.Web.Editing;
using SalesAlign.Web.Services;

namespace SalesAlign.Web.Tests;

public sealed class DraftModelTests
{
    private static double N(JsonNode? node) => ConditionText.Number(node) ?? double.NaN;

    [Fact]
    public void Another_users_change_where_I_have_no_edit_lands_in_my_form_and_my_edit_stays()
    {
        var opened = Drafts.Proposal();
        var model = new DraftModel(opened);
        model.Working["handoff"]!["serviceLevelHours"] = 8;
        var theirs = Drafts.WithDraft(opened, d => d["icp"]!["criteria"]![0]!["points"] = 25, revision: 2);

        var changes = model.AcceptServer(theirs);

        changes.ShouldHaveSingleItem().Description.ShouldContain("20 → 25");
        N(model.Working["icp"]!["criteria"]![0]!["points"]).ShouldBe(25);
        N(model.Working["handoff"]!["serviceLevelHours"]).ShouldBe(8);
        model.Revision.ShouldBe(2);
        model.Conflicts.ShouldBeEmpty();
        model.UnsavedChanges().ShouldHaveSingleItem().Path.ShouldBe("/handoff/serviceLevelHours");
    }

    [Fact]
    public void When_both_change_the_same_value_mine_is_kept_and_the_conflict_explained()
    {
        var opened = Drafts.Proposal();
        var model = new DraftModel(opened);
        model.Working["icp"]!["criteria"]![0]!["points"] = 30;
        var theirs = Drafts.WithDraft(opened, d => d["icp"]!["criteria"]![0]!["points"] = 25, revision: 2);

        model.AcceptServer(theirs);

        N(model.Working["icp"]!["criteria"]![0]!["points"]).ShouldBe(30);
        var conflict = model.Conflicts.ShouldHaveSingleItem();
        conflict.Path.ShouldBe("/icp/criteria/0/points");
        N(conflict.Theirs).ShouldBe(25);
        N(conflict.Mine).ShouldBe(30);
        model.HasUnsavedChanges.ShouldBeTrue();

        model.TakeTheirs(conflict);

        N(model.Working["icp"]!["criteria"]![0]!["points"]).ShouldBe(25);
        model.HasUnsavedChanges.ShouldBeFalse();
    }

    [Fact]
    public void Without_edits_the_form_simply_follows_the_server()
    {
        var opened = Drafts.Proposal();
        var model = new DraftModel(opened);
        var theirs = Drafts.WithDraft(opened, d => ((JsonArray)d["sql"]!["checklist"]!).RemoveAt(0), revision: 3);

        model.AcceptServer(theirs);

        model.HasUnsavedChanges.ShouldBeFalse();
        ((JsonArray)model.Working["sql"]!["checklist"]!).Count.ShouldBe(4);
    }

    [Fact]
    public void An_older_or_equal_revision_changes_nothing()
    {
        var opened = Drafts.Proposal(revision: 4);
        var model = new DraftModel(opened);
        model.Working["handoff"]!["serviceLevelHours"] = 8;

        model.AcceptServer(Drafts.WithDraft(opened, d => d["handoff"]!["serviceLevelHours"] = 12, revision: 4)).ShouldBeEmpty();

        N(model.Working["handoff"]!["serviceLevelHours"]).ShouldBe(8);
    }

    [Fact]
    public void Problems_from_the_API_are_keyed_by_their_pointer_in_the_document()
    {
        var model = new DraftModel(Drafts.Proposal());

        model.Refused([new FieldProblem("/document/icp/criteria/2/points", "number.not_finite", "Points must be a finite number."), new FieldProblem("/title", "NotEmpty", "Title is required.")]);

        model.ProblemAt("/icp/criteria/2/points").ShouldBe("Points must be a finite number.");
        model.ProblemAt("/title").ShouldBe("Title is required.");
        model.ProblemAt("/icp/criteria/1/points").ShouldBeNull();
    }

    [Fact]
    public void What_I_type_while_a_save_travels_stays_an_unsaved_edit()
    {
        var opened = Drafts.Proposal();
        var model = new DraftModel(opened);
        model.Working["handoff"]!["serviceLevelHours"] = 8;
        var sent = model.Snapshot();
        model.Working["handoff"]!["serviceLevelHours"] = 6;

        model.Saved(Drafts.WithDraft(opened, d => d["handoff"]!["serviceLevelHours"] = 8, revision: 2), sent, model.Title, model.Rationale);

        model.Revision.ShouldBe(2);
        N(model.Working["handoff"]!["serviceLevelHours"]).ShouldBe(6);
        model.HasUnsavedChanges.ShouldBeTrue();
    }
}
