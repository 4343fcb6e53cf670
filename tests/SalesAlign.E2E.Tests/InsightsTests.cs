using Microsoft.Playwright;

namespace SalesAlign.E2E.Tests;

/// <summary>
/// The dashboard, meeting mode and the sandbox on the demo data, in a real browser at desktop (1280 px) and tablet
/// (800 px) widths, with screenshots under artifacts/screenshots/.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class InsightsTests(BrowserFixture browser)
{
    [Fact]
    public async Task Maria_reads_the_dashboard_follows_the_meeting_with_the_demo_proposals_impact_and_scores_a_lead_in_the_sandbox()
    {
        if (browser.UnavailableBecause is { } why)
        {
            Console.WriteLine(why);
            return;
        }
        var page = await browser.NewPageAsync();
        await page.SignInAsync("maria@acme.example", "/app/t/acme/dashboard");

        // Dashboard: the demo leads fill the funnel, the service level and the rejection reasons.
        await page.GetByTestId("kpi-funnel").WaitForAsync();
        (await page.GetByTestId("kpi-funnel-table").InnerTextAsync()).ShouldContain("Marketing qualified");
        (await page.GetByTestId("kpi-sla-share").InnerTextAsync()).ShouldContain("%");
        (await page.GetByTestId("kpi-rejections").Locator("li").CountAsync()).ShouldBeGreaterThan(0);
        await page.ScreenshotAsync("dashboard");
        await page.GetByRole(AriaRole.Button, new() { Name = "By week" }).ClickAsync();
        await page.GetByTestId("kpi-range").Filter(new() { HasText = "by week" }).WaitForAsync();
        await page.SetViewportSizeAsync(800, 1000);
        await page.ScreenshotAsync("dashboard-tablet");
        await page.SetViewportSizeAsync(1280, 900);

        // Meeting mode: the demo meeting's agenda holds the demo proposal with its impact preview.
        await page.GotoAsync("/app/t/acme/meetings");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("meeting-link").First.ClickAsync();
        var item = page.GetByTestId("agenda-item").First;
        await item.WaitForAsync();
        await item.GetByTestId("impact-summary").WaitForAsync(new() { Timeout = 30_000 });
        (await item.InnerTextAsync()).ShouldContain("Count pricing-page interest more");
        (await item.GetByTestId("impact-history").InnerTextAsync()).ShouldContain("Newly MQL");
        await page.ScreenshotAsync("meeting");

        // Maria defers the item with a note (keyboard: the form submits like any form); the agenda shows it.
        await item.GetByText("Defer to a later meeting").ClickAsync();
        await item.GetByLabel("Notes").FillAsync("Wait for another week of pricing data.");
        await item.GetByTestId("record-decision").ClickAsync();
        await item.GetByTestId("item-decision").Filter(new() { HasText = "deferred" }).WaitForAsync();
        var meetingPath = new Uri(page.Url).AbsolutePath;

        // Val (viewer) follows the same meeting on a tablet: the impact, the decision taken, and no form — told why.
        var val = await browser.NewPageAsync(width: 800, height: 1000);
        await val.SignInAsync("val@acme.example", meetingPath);
        var valItem = val.GetByTestId("agenda-item").First;
        await valItem.GetByTestId("impact-summary").WaitForAsync(new() { Timeout = 30_000 });
        await valItem.GetByTestId("item-decision").Filter(new() { HasText = "deferred" }).WaitForAsync();
        await Assertions.Expect(val.GetByTestId("read-only-note")).ToContainTextAsync("Approver role");
        (await valItem.GetByTestId("record-decision").CountAsync()).ShouldBe(0);
        await val.ScreenshotAsync("meeting-tablet-viewer");
        await val.Context.CloseAsync();

        // Sandbox: paste a lead, score it under v1 and under the demo proposal's draft, side by side.
        await page.GotoAsync("/app/t/acme/sandbox");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("lead-form").WaitForAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        await page.GetByLabel("Lead as JSON").FillAsync("""
            {"externalId": "L-1001",
             "fields": {"seniority": "VP", "department": "Marketing", "companySize": 800, "industry": "Software", "country": "US",
                        "emailDomain": "corporate", "techStack": ["Salesforce"]},
             "events": [{"type": "pricing_page_view", "occurredAt": "2026-11-20T09:00:00Z"},
                        {"type": "pricing_page_view", "occurredAt": "2026-11-21T09:00:00Z"}]}
            """);
        await page.GetByTestId("load-json").ClickAsync();
        var current = page.GetByTestId("score-current");
        var draft = page.GetByTestId("score-draft");
        await current.GetByTestId("fit").WaitForAsync();
        await draft.GetByTestId("fit").WaitForAsync();
        (await current.GetByTestId("explanation").InnerTextAsync()).ShouldContain("Pricing");
        (await current.GetByTestId("engagement").InnerTextAsync()).ShouldNotBe(await draft.GetByTestId("engagement").InnerTextAsync());
        await page.GetByRole(AriaRole.Tab, new() { Name = "Form" }).ClickAsync();
        (await page.GetByTestId("field-companySize").Locator("input").InputValueAsync()).ShouldBe("800");
        await page.ScreenshotAsync("sandbox");
        await page.SetViewportSizeAsync(800, 1000);
        await page.ScreenshotAsync("sandbox-tablet");
        await page.Context.CloseAsync();
    }
}
