using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Web.Components;
using SalesAlign.Web.Editing;
using SalesAlign.Web.Services;

namespace SalesAlign.Web.Tests;

#pragma warning disable CA1001 // disposed in DisposeAsync (IAsyncLifetime): MudBlazor services cannot be disposed synchronously
public sealed class EditorComponentTests : IAsyncLifetime
#pragma warning restore CA1001
{
    // MudBlazor's services are async-disposable only, so the context is disposed asynchronously (not by xunit's Dispose).
    private readonly BunitContext _bunit = new();

    public EditorComponentTests()
    {
        _bunit.Services.AddMudServices();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Render<MudPopoverProvider>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    private IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>> parameters) where T : Microsoft.AspNetCore.Components.IComponent =>
        _bunit.Render(parameters);

    /// <summary>The input a visible label names (MudBlazor links them with for/id), as a person or a screen reader finds it.</summary>
    private static AngleSharp.Dom.IElement Labelled(AngleSharp.Dom.IElement scope, string label)
    {
        var element = scope.QuerySelectorAll("label").First(l => l.TextContent.Trim() == label);
        return scope.QuerySelector($"[id='{element.GetAttribute("for")}']") ?? throw new InvalidOperationException($"No input for label '{label}'.");
    }

    private static JsonNode? At(DraftModel model, string path) => DraftModel.Get(model.Working, path);

    [Fact]
    public async Task The_condition_builder_reads_the_condition_in_words_and_edits_it_without_json()
    {
        var model = new DraftModel(Drafts.Proposal());
        const string path = "/icp/criteria/0/condition";
        var cut = Render<ConditionBuilder>(p => p.Add(x => x.Model, model).Add(x => x.Path, path));

        cut.Find("[data-testid=condition-words]").TextContent.ShouldBe("Seniority is C-Level");

        await cut.Find("button[aria-label='Combine with another rule']").ClickAsync(new MouseEventArgs());

        var group = At(model, path)!.AsObject();
        group["all"]!.AsArray().Count.ShouldBe(2);
        group["all"]![0]!["field"]!.GetValue<string>().ShouldBe("seniority");
        cut.FindAll("[data-testid=comparison]").Count.ShouldBe(2);

        await cut.Find("[data-testid=add-group]").ClickAsync(new MouseEventArgs());

        At(model, path + "/all/2/any")!.AsArray().Count.ShouldBe(1);
        cut.FindAll("[data-testid=condition-group]").Count.ShouldBe(2);

        await cut.FindAll("[data-testid=remove-rule]")[0].ClickAsync(new MouseEventArgs());

        At(model, path + "/all")!.AsArray().Count.ShouldBe(2);
        model.HasUnsavedChanges.ShouldBeTrue();
    }

    [Fact]
    public async Task Negating_a_rule_wraps_it_in_not_and_removing_the_not_restores_it()
    {
        var model = new DraftModel(Drafts.Proposal());
        const string path = "/icp/criteria/0/condition";
        var cut = Render<ConditionBuilder>(p => p.Add(x => x.Model, model).Add(x => x.Path, path));

        await cut.Find("button[aria-label='Negate this rule']").ClickAsync(new MouseEventArgs());

        At(model, path + "/not/field")!.GetValue<string>().ShouldBe("seniority");
        cut.Find("[data-testid=condition-words]").TextContent.ShouldBe("not (Seniority is C-Level)");

        await cut.Find("button[aria-label='Remove not']").ClickAsync(new MouseEventArgs());

        At(model, path + "/field")!.GetValue<string>().ShouldBe("seniority");
        model.HasUnsavedChanges.ShouldBeFalse();
    }

    [Fact]
    public async Task A_between_rule_gets_from_and_to_inputs_that_edit_the_range()
    {
        var model = new DraftModel(Drafts.Proposal());
        var index = model.Working["icp"]!["criteria"]!.AsArray().Select((c, i) => (c, i)).Single(x => x.c!["id"]!.GetValue<string>() == "size-sweet-spot").i;
        var path = $"/icp/criteria/{index}/condition";
        var cut = Render<ConditionBuilder>(p => p.Add(x => x.Model, model).Add(x => x.Path, path));

        cut.Find("[data-testid=condition-words]").TextContent.ShouldBe("Company size (employees) is between 200 and 5000");
        await Labelled(cut.Find("[data-testid=comparison]"), "To").ChangeAsync(new ChangeEventArgs { Value = "10000" });

        ConditionText.Number(At(model, path + "/value/1")).ShouldBe(10000);
        cut.Find("[data-testid=condition-words]").TextContent.ShouldBe("Company size (employees) is between 200 and 10000");
    }

    [Fact]
    public async Task Criteria_are_added_edited_and_removed_in_the_form()
    {
        var model = new DraftModel(Drafts.Proposal());
        var before = model.Working["icp"]!["criteria"]!.AsArray().Count;
        var cut = Render<DraftForm>(p => p.Add(x => x.Model, model).Add(x => x.Path, ""));

        await cut.Find("[data-testid=add-criterion]").ClickAsync(new MouseEventArgs());

        var criteria = model.Working["icp"]!["criteria"]!.AsArray();
        criteria.Count.ShouldBe(before + 1);
        criteria[^1]!["id"]!.GetValue<string>().ShouldBe("criterion");
        criteria[^1]!["condition"]!["field"].ShouldNotBeNull();

        await cut.FindAll("[data-testid=remove-criterion]")[0].ClickAsync(new MouseEventArgs());

        model.Working["icp"]!["criteria"]!.AsArray().Count.ShouldBe(before);
        model.Working["icp"]!["criteria"]![0]!["id"]!.GetValue<string>().ShouldBe("seniority-vp");
    }

    [Fact]
    public async Task Changing_a_criterions_points_edits_the_draft()
    {
        var model = new DraftModel(Drafts.Proposal());
        var cut = Render<DraftForm>(p => p.Add(x => x.Model, model).Add(x => x.Path, ""));

        await PointsInput(cut, 0).ChangeAsync(new ChangeEventArgs { Value = "25" });

        ConditionText.Number(model.Working["icp"]!["criteria"]![0]!["points"]).ShouldBe(25);
        model.UnsavedChanges().ShouldHaveSingleItem().Description.ShouldContain("20 → 25");
    }

    [Fact]
    public void A_refused_save_shows_each_problem_next_to_its_field()
    {
        var model = new DraftModel(Drafts.Proposal());
        model.Refused([
            new FieldProblem("/document/icp/criteria/1/points", "number.range", "Points must be between -1000 and 1000."),
            new FieldProblem("/document/handoff/serviceLevelHours", "number.range", "The service level must be more than 0 hours."),
        ]);

        var cut = Render<DraftForm>(p => p.Add(x => x.Model, model).Add(x => x.Path, ""));

        var second = cut.FindAll("[data-testid=criterion]")[1];
        second.TextContent.ShouldContain("Points must be between -1000 and 1000.");
        cut.FindAll("[data-testid=criterion]")[0].TextContent.ShouldNotContain("Points must be between");
        cut.Find("[data-testid=section-handoff]").TextContent.ShouldContain("The service level must be more than 0 hours.");
    }

    [Fact]
    public void The_diff_view_shows_before_and_after_side_by_side_in_words()
    {
        ChangeDto[] changes =
        [
            new("Modified", "/handoff/serviceLevelHours", "/handoff/serviceLevelHours", JsonSerializer.SerializeToElement(24), JsonSerializer.SerializeToElement(8), "Hand-off: service level 24 → 8 hours"),
            new("Added", "/icp/criteria/20", "/icp/criteria[id=vp-sales]", null,
                JsonSerializer.SerializeToElement(new { id = "vp-sales", label = "VP of Sales", condition = new { field = "seniority", op = "eq", value = "VP" }, points = 10 }),
                "ICP: criterion \"VP of Sales\" added"),
            new("Modified", "/mql/condition", "/mql/condition", JsonSerializer.SerializeToElement(new { field = "engagementScore", op = "gte", value = 40 }),
                JsonSerializer.SerializeToElement(new { field = "engagementScore", op = "gte", value = 30 }), "MQL: rule changed"),
        ];
        var labels = new Dictionary<string, string> { ["seniority"] = "Seniority" };

        var cut = Render<DiffView>(p => p.Add(x => x.Changes, changes).Add(x => x.BaseVersion, 3).Add(x => x.Labels, labels));

        var rows = cut.FindAll("[data-testid=diff-row]");
        rows.Count.ShouldBe(3);
        cut.Find("th:nth-child(2)").TextContent.ShouldBe("Before (version 3)");
        var cells = rows[0].QuerySelectorAll("td");
        cells[0].TextContent.ShouldContain("Hand-off: service level 24 → 8 hours");
        cells[1].TextContent.ShouldBe("24");
        cells[2].TextContent.ShouldBe("8");
        rows[1].QuerySelectorAll("td")[1].TextContent.ShouldBe("—");
        rows[1].QuerySelectorAll("td")[2].TextContent.ShouldContain("condition: Seniority is VP");
        rows[2].QuerySelectorAll("td")[1].TextContent.ShouldBe("Engagement score is at least 40");
        rows[2].QuerySelectorAll("td")[2].TextContent.ShouldBe("Engagement score is at least 30");
    }

    [Fact]
    public void An_unchanged_proposal_says_so()
    {
        var cut = Render<DiffView>(p => p.Add(x => x.Changes, Array.Empty<ChangeDto>()).Add(x => x.BaseVersion, 2));

        cut.Find("[data-testid=no-changes]").TextContent.ShouldBe("No changes from version 2.");
    }

    private static AngleSharp.Dom.IElement PointsInput(IRenderedComponent<DraftForm> cut, int criterion) =>
        Labelled(cut.FindAll("[data-testid=criterion]")[criterion], "Points");
}
