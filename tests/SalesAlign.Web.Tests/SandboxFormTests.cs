using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using System.Text.Json;
using SalesAlign.Web.Components.Sandbox;
using SalesAlign.Web.Insights;

namespace SalesAlign.Web.Tests;

public sealed class SandboxFormTests : WebTestContext
{
    internal static PlaybookVocabulary Vocabulary(string extraField = "") => PlaybookVocabulary.From(JsonDocument.Parse($$"""
        {"fields": [
            {"key": "title", "label": "Job title", "type": "text"},
            {"key": "companySize", "label": "Company size", "type": "number", "description": "Employees"},
            {"key": "budgetConfirmed", "label": "Budget confirmed", "type": "boolean"},
            {"key": "contractEnds", "label": "Contract ends", "type": "date"},
            {"key": "seniority", "label": "Seniority", "type": "choice", "allowedValues": ["VP", "Director"]},
            {"key": "techStack", "label": "Tech stack", "type": "multiChoice", "allowedValues": ["Salesforce", "HubSpot"]}
            {{extraField}}
         ],
         "eventTypes": [{"key": "pricing_page_view", "label": "Pricing page view"}, {"key": "demo_requested", "label": "Demo requested"}]}
        """).RootElement);

    [Fact]
    public void The_form_has_one_labelled_input_per_field_chosen_by_its_type()
    {
        var cut = Render<LeadForm>(p => p.Add(f => f.Vocabulary, Vocabulary()).Add(f => f.Lead, new SandboxLead()));

        var types = cut.FindAll("[data-type]").ToDictionary(e => e.GetAttribute("data-testid")!, e => e.GetAttribute("data-type"));
        types.ShouldBe(new Dictionary<string, string?>
        {
            ["field-title"] = "text",
            ["field-companySize"] = "number",
            ["field-budgetConfirmed"] = "boolean",
            ["field-contractEnds"] = "date",
            ["field-seniority"] = "choice",
            ["field-techStack"] = "multiChoice",
        });
        foreach (var label in new[] { "Job title", "Company size", "Budget confirmed", "Contract ends", "Seniority", "Tech stack" })
            cut.FindAll("label").Select(l => l.TextContent.Trim()).ShouldContain(label);
        cut.Find("[data-testid=field-contractEnds] input").GetAttribute("type").ShouldBe("date");
        cut.Find("[data-testid=field-companySize] input").GetAttribute("aria-describedby").ShouldNotBeNull();   // the description is the helper text
    }

    [Fact]
    public async Task Typed_values_and_events_become_the_lead_the_API_scores()
    {
        var lead = new SandboxLead();
        var changes = 0;
        var cut = Render<LeadForm>(p => p.Add(f => f.Vocabulary, Vocabulary()).Add(f => f.Lead, lead)
            .Add(f => f.LeadChanged, () => changes++).Add(f => f.NewEventTime, new DateTime(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc)));

        await cut.Find("[data-testid=field-companySize] input").ChangeAsync(new ChangeEventArgs { Value = "800" });
        await cut.Find("[data-testid=field-title] input").ChangeAsync(new ChangeEventArgs { Value = "VP Marketing" });
        await cut.Find("[data-testid=field-contractEnds] input").ChangeAsync(new ChangeEventArgs { Value = "2027-03-31" });
        await cut.Find("[data-testid=add-event]").ClickAsync(new MouseEventArgs());

        changes.ShouldBe(4);
        cut.FindAll("[data-testid=event-row]").Count.ShouldBe(1);
        var (dto, ignored) = lead.ToLeadDto(Vocabulary());
        ignored.ShouldBeEmpty();
        dto.Fields!["companySize"].GetDouble().ShouldBe(800);
        dto.Fields["title"].GetString().ShouldBe("VP Marketing");
        dto.Fields["contractEnds"].GetString().ShouldBe("2027-03-31");
        dto.Fields.ContainsKey("seniority").ShouldBeFalse();   // untouched means unknown, never a default
        dto.Events!.Single().Type.ShouldBe("pricing_page_view");
        dto.Events!.Single().OccurredAt.ShouldBe(DateTimeOffset.Parse("2026-11-20T09:30:00Z"));
    }

    [Fact]
    public void Values_set_on_the_lead_show_in_the_form()
    {
        var lead = new SandboxLead();
        lead.Set("seniority", "VP");
        lead.Set("budgetConfirmed", true);
        lead.Set("techStack", (IReadOnlyCollection<string>)["Salesforce", "HubSpot"]);

        var cut = Render<LeadForm>(p => p.Add(f => f.Vocabulary, Vocabulary()).Add(f => f.Lead, lead));

        cut.Find("[data-testid=field-seniority] input").GetAttribute("value").ShouldBe("VP");
        cut.Find("[data-testid=field-budgetConfirmed] input").GetAttribute("value").ShouldBe("yes");
        cut.Find("[data-testid=field-techStack] input").GetAttribute("value")!.ShouldContain("Salesforce");
    }

    [Fact]
    public void Pasted_JSON_fills_the_lead_in_the_fields_types_and_names_what_it_cannot_use()
    {
        var lead = new SandboxLead();

        var problems = lead.LoadJson("""
            {"lead": {"externalId": "L-7", "fields": {"companySize": 250, "budgetConfirmed": false, "contractEnds": "2027-01-15",
                       "techStack": ["HubSpot"], "seniority": 3, "favouriteColour": "blue"},
                       "events": [{"type": "demo_requested", "occurredAt": "2026-11-21T15:30:00Z"}, {"type": "tweet", "occurredAt": "2026-11-21T15:30:00Z"}]}}
            """, Vocabulary());

        problems.ShouldBe(
        [
            "/fields/seniority: expected a string.",
            "/fields/favouriteColour: not a field of this playbook.",
            "/events/1/type: 'tweet' is not an event type of this playbook.",
        ]);
        lead.ExternalId.ShouldBe("L-7");
        lead.Get<double?>("companySize").ShouldBe(250);
        lead.Get<bool?>("budgetConfirmed").ShouldBe(false);
        lead.Get<DateTime?>("contractEnds").ShouldBe(new DateTime(2027, 1, 15));
        lead.Get<IReadOnlyCollection<string>>("techStack")!.ShouldBe(["HubSpot"]);
        lead.Events.Single().Type.ShouldBe("demo_requested");
        lead.LoadJson("{not json", Vocabulary()).Single().ShouldStartWith("This is not JSON");
    }

    [Fact]
    public void Each_side_gets_only_what_its_playbook_declares_and_the_rest_is_named()
    {
        var draft = Vocabulary(""", {"key": "intentScore", "label": "Intent score", "type": "number"}""");
        var current = Vocabulary();
        var lead = new SandboxLead();
        lead.Set("companySize", 800d);
        lead.Set("intentScore", 70d);

        var (forCurrent, ignoredByCurrent) = lead.ToLeadDto(current);
        var (forDraft, ignoredByDraft) = lead.ToLeadDto(draft);

        forCurrent.Fields!.Keys.ShouldBe(["companySize"]);
        ignoredByCurrent.ShouldBe(["field 'intentScore'"]);
        forDraft.Fields!.Keys.OrderBy(k => k).ShouldBe(["companySize", "intentScore"]);
        ignoredByDraft.ShouldBeEmpty();
        current.Union(draft).Fields.Select(f => f.Key).ShouldContain("intentScore");
    }

    [Fact]
    public void The_score_card_shows_the_route_and_rule_kinds_as_words_not_as_the_wire_spells_them()
    {
        var score = new SalesAlign.Contracts.Scoring.LeadScoreDto("L-1", 40, "B", 12, true, false, "nurture", [],
            [new("mql", "mql", "MQL threshold", true, 0, "fit 40 ≥ 30"), new("fit", "size", "Company size", true, 40, "800 employees")]);

        var cut = Render<ScoreCard>(p => p.Add(c => c.Title, "Current version").Add(c => c.Score, score));

        cut.Find("[data-testid=route]").TextContent.Trim().ShouldBe("Nurture");
        cut.FindAll("[data-testid=explanation] tbody td:nth-child(2)").Select(td => td.TextContent.Trim()).ShouldBe(["MQL", "Fit"]);
    }
}
