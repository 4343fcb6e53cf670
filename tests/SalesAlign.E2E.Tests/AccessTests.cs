using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SalesAlign.E2E.Tests;

[Collection(BrowserGroup.Name)]
public sealed class AccessTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task An_agency_user_switches_tenants_without_signing_in_again()
    {
        if (browser.UnavailableBecause is { } why)
        {
            output.WriteLine(why);
            return;
        }
        var alex = await browser.NewPageAsync();
        await alex.SignInAsync("alex@northwind.example", "/app/t/acme/proposals");
        await alex.GetByTestId("proposal-list").WaitForAsync();

        await alex.GetByTestId("tenant-switcher").ClickAsync();
        await alex.GetByRole(AriaRole.Option, new() { Name = "Globex" }).ClickAsync();

        await alex.WaitForURLAsync("**/app/t/globex/proposals");
        await alex.GetByTestId("proposal-list").WaitForAsync();
        var playbookLink = alex.GetByRole(AriaRole.Link, new() { Name = "Playbook" });
        await Assertions.Expect(playbookLink).ToHaveAttributeAsync("href", "/app/t/globex/playbook");
        await playbookLink.ClickAsync();
        await alex.GetByTestId("current-version").WaitForAsync();
        alex.Url.ShouldEndWith("/app/t/globex/playbook");
        await alex.ScreenshotAsync("06-agency-switched-tenant");
        await alex.Context.CloseAsync();
    }

    [Fact]
    public async Task A_viewer_reads_but_cannot_edit_while_a_contributor_can()
    {
        if (browser.UnavailableBecause is { } why)
        {
            output.WriteLine(why);
            return;
        }
        var val = await browser.NewPageAsync(width: 800, height: 1000);
        await val.SignInAsync("val@acme.example", "/app/t/acme/proposals");
        await val.GetByTestId("proposal-list").GetByRole(AriaRole.Link).First.ClickAsync();
        await val.GetByTestId("proposal-heading").WaitForAsync();
        var proposalUrl = new Uri(val.Url).AbsolutePath;

        await Assertions.Expect(val.GetByTestId("read-only")).ToBeVisibleAsync();
        await Assertions.Expect(val.GetByTestId("save")).ToHaveCountAsync(0);
        await Assertions.Expect(val.GetByTestId("criterion").First.GetByLabel("Points")).ToHaveAttributeAsync("readonly", "");
        await val.ScreenshotAsync("07-viewer-tablet");
        await val.GotoAsync("/app/t/acme/playbook");
        await val.WaitForInteractiveAsync();
        await val.GetByTestId("current-version").WaitForAsync();
        await Assertions.Expect(val.GetByRole(AriaRole.Button, new() { Name = "Propose a change" })).ToHaveCountAsync(0);

        // The control: a contributor gets the editing controls on the same proposal.
        var chris = await browser.NewPageAsync();
        await chris.SignInAsync("chris@acme.example", proposalUrl);
        await chris.GetByTestId("proposal-heading").WaitForAsync();
        await Assertions.Expect(chris.GetByTestId("save")).ToBeVisibleAsync();
        await Assertions.Expect(chris.GetByTestId("read-only")).ToHaveCountAsync(0);

        await val.Context.CloseAsync();
        await chris.Context.CloseAsync();
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_the_sign_in_page()
    {
        if (browser.UnavailableBecause is { } why)
        {
            output.WriteLine(why);
            return;
        }
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/app/t/acme/playbook");

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?ReturnUrl=%2Fapp%2Ft%2Facme%2Fplaybook"));
        await page.ScreenshotAsync("00-sign-in");
        await page.Context.CloseAsync();
    }
}
