using Microsoft.Playwright;

namespace SalesAlign.E2E.Tests;

[Collection(BrowserGroup.Name)]
public sealed class SmokeTests(BrowserFixture browser)
{
    [Fact]
    public async Task Maria_signs_in_and_reads_the_playbook()
    {
        if (browser.UnavailableBecause is { } why)
        {
            Console.WriteLine(why);
            return;
        }
        var page = await browser.NewPageAsync();

        await page.SignInAsync("maria@acme.example");

        await page.WaitForURLAsync("**/app/t/acme/playbook");
        await page.GetByTestId("current-version").WaitForAsync();
        await page.ScreenshotAsync("playbook");
    }
}
