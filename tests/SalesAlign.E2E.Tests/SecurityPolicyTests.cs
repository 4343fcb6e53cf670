using System.Collections.Concurrent;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SalesAlign.E2E.Tests;

/// <summary>
/// Issue 10 item 10 in a real browser: the web UI, the sign-in page and the API reference work under their
/// Content-Security-Policy, and Chromium reports no violation on any of them.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class SecurityPolicyTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task The_pages_work_under_their_content_security_policy_without_a_single_violation()
    {
        if (browser.UnavailableBecause is { } why)
        {
            output.WriteLine(why);
            return;
        }
        var page = await browser.NewPageAsync();
        var violations = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Enqueue($"{page.Url}: {message.Text}");
        };
        // Also the DOM's own report, which covers what the console might word differently.
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");

        var login = await page.GotoAsync("/app/t/acme/playbook");
        await page.GetByLabel("Email").FillAsync("maria@acme.example");
        await page.GetByLabel("Password").FillAsync(AppHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("current-version").WaitForAsync();
        var appPolicy = await (await page.ReloadAsync())!.HeaderValueAsync("content-security-policy");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Proposals" }).First.ClickAsync();
        await page.GetByTestId("proposal-list").GetByRole(AriaRole.Link).First.ClickAsync();
        await page.GetByTestId("proposal-heading").WaitForAsync();
        await page.GotoAsync("/app/t/acme/dashboard");
        await page.WaitForInteractiveAsync();
        await page.GotoAsync("/app/t/acme/sandbox");
        await page.WaitForInteractiveAsync();
        var reference = await page.GotoAsync("/scalar/");
        await page.Locator(".scalar-app, .scalar-api-reference, #app *").First.WaitForAsync();
        await page.WaitForTimeoutAsync(500);

        (await login!.HeaderValueAsync("content-security-policy")).ShouldNotBeNull();
        appPolicy.ShouldNotBeNull();
        appPolicy.ShouldContain("script-src 'self';");
        (await reference!.HeaderValueAsync("content-security-policy"))!.ShouldContain("frame-ancestors 'none'");
        // The API reference's two known, harmless refusals: its web fonts (it falls back to system fonts, and never
        // contacts a third party) and a library's feature probe `Function('')` (it then runs without generated code).
        var unexpected = violations.Where(v => !(v.Contains("/scalar/", StringComparison.Ordinal)
            && (v.Contains("https://fonts.scalar.com/", StringComparison.Ordinal) || v.Contains("script-src eval", StringComparison.Ordinal)))).ToList();
        unexpected.ShouldBeEmpty(string.Join(Environment.NewLine, unexpected));
        violations.ShouldNotContain(v => v.Contains("/app", StringComparison.Ordinal) || v.Contains("/account", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }
}
