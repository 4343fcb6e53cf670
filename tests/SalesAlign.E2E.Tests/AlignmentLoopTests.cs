using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SalesAlign.E2E.Tests;

/// <summary>
/// The whole loop in real browsers against the app on a loopback port: maria drafts, chris co-edits in his own
/// browser and maria sees it live, sam approves, maria publishes, the playbook shows the new version.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed partial class AlignmentLoopTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Maria_drafts_chris_coedits_live_sam_approves_maria_publishes()
    {
        if (browser.UnavailableBecause is { } why)
        {
            output.WriteLine(why);
            return;
        }
        var maria = await browser.NewPageAsync();
        await maria.SignInAsync("maria@acme.example");
        await maria.WaitForURLAsync("**/app/t/acme/playbook");
        await maria.GetByTestId("current-version").WaitForAsync();
        var versionBefore = int.Parse(Digits().Match(await maria.GetByTestId("current-version").InnerTextAsync()).Value, System.Globalization.CultureInfo.InvariantCulture);
        await maria.ScreenshotAsync("01-playbook");

        // Maria drafts a faster hand-off.
        await maria.GetByRole(AriaRole.Button, new() { Name = "Propose a change" }).ClickAsync();
        await maria.GetByLabel("Title").Last.FillAsync("Faster hand-off");
        await maria.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await maria.WaitForURLAsync(new Regex("/app/t/acme/proposals/[0-9a-f-]{36}$"));
        await maria.GetByTestId("proposal-heading").WaitForAsync();
        var proposalUrl = new Uri(maria.Url).AbsolutePath;
        await maria.GetByText("Funnel and hand-off").ClickAsync();
        var sla = maria.GetByLabel("Sales contacts a new MQL within (hours)");
        await sla.FillAsync("8");
        await sla.PressAsync("Tab");
        await maria.GetByTestId("save").ClickAsync();
        await Assertions.Expect(maria.GetByTestId("revision")).ToHaveTextAsync("Revision 2");
        await maria.ScreenshotAsync("02-editor");

        // Chris opens the same draft in his own browser and changes a criterion's points; maria sees it without reloading.
        var chris = await browser.NewPageAsync();
        await chris.SignInAsync("chris@acme.example", proposalUrl);
        await chris.GetByTestId("proposal-heading").WaitForAsync();
        await Assertions.Expect(maria.GetByTestId("presence")).ToContainTextAsync("C");
        var chrisPoints = chris.GetByTestId("criterion").First.GetByLabel("Points");
        await chrisPoints.FillAsync("25");
        await chrisPoints.PressAsync("Tab");
        var clock = Stopwatch.StartNew();
        await chris.GetByTestId("save").ClickAsync();
        await Assertions.Expect(chris.GetByTestId("revision")).ToHaveTextAsync("Revision 3");
        var saved = clock.Elapsed;
        await Assertions.Expect(maria.GetByTestId("criterion").First.GetByLabel("Points")).ToHaveValueAsync("25", new() { Timeout = 10_000 });
        var seen = clock.Elapsed;
        // A figure, not a gate: with every test assembly sharing two cores the browsers' timings vary too much to assert
        // a second; the assertion above is that the change arrives live, without a reload.
        output.WriteLine($"Chris's save committed after {saved.TotalMilliseconds:0} ms; it appeared in Maria's open form {(seen - saved).TotalMilliseconds:0} ms later.");
        await Assertions.Expect(maria.GetByTestId("remote-change")).ToContainTextAsync("Chris");
        await maria.ScreenshotAsync("03-editor-live-change");
        await Assertions.Expect(maria.GetByTestId("revision")).ToHaveTextAsync("Revision 3");

        // Maria submits; her own proposal is marketing's sign-off, sam (sales lead) approves.
        await maria.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(maria.GetByTestId("status").First).ToHaveTextAsync("In review");
        var sam = await browser.NewPageAsync();
        await sam.SignInAsync("sam@acme.example", proposalUrl + "/review");
        await sam.GetByTestId("diff").WaitForAsync();
        await Assertions.Expect(sam.GetByTestId("diff")).ToContainTextAsync("24");
        await Assertions.Expect(sam.GetByTestId("missing-approvals")).ToContainTextAsync("sales");
        await sam.ScreenshotAsync("04-review");
        await sam.GetByLabel("Comment (optional)").FillAsync("8 hours is doable.");
        await sam.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(sam.GetByTestId("policy-satisfied")).ToBeVisibleAsync();

        // Maria publishes; the playbook page shows the new version with the new SLA.
        await maria.GotoAsync(proposalUrl + "/review");
        await maria.WaitForInteractiveAsync();
        await maria.GetByLabel("Change summary").FillAsync("SLA 24 → 8 hours");
        await maria.GetByTestId("publish").ClickAsync();
        await maria.WaitForURLAsync("**/app/t/acme/playbook");
        await Assertions.Expect(maria.GetByTestId("current-version")).ToHaveTextAsync($"Version {versionBefore + 1}");
        await Assertions.Expect(maria.GetByTestId("sla")).ToContainTextAsync("8 hours");
        await maria.ScreenshotAsync("05-playbook-published");

        await maria.Context.CloseAsync();
        await chris.Context.CloseAsync();
        await sam.Context.CloseAsync();
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
