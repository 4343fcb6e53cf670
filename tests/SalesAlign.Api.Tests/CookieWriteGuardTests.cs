using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SalesAlign.Contracts.Webhooks;

namespace SalesAlign.Api.Tests;

/// <summary>
/// Issue 10 item 3: another site can make a signed-in browser send body-less or <c>text/plain</c> POSTs that carry
/// the web UI's cookie. Such a cookie-only write to <c>/api</c> is refused; the same user's bearer token works.
/// </summary>
[Collection(nameof(ApiHost))]
public sealed partial class CookieWriteGuardTests(ApiFactory factory)
{
    private const string Evil = "https://evil.example";

    [Fact]
    public async Task A_cookie_cannot_submit_or_withdraw_a_proposal_while_the_same_users_bearer_token_can()
    {
        using var browser = await SignedInBrowser("chris@acme.example");
        var chris = await factory.ClientFor("chris@acme.example");
        var playbookId = (await (await chris.GetAsync("/api/v1/t/acme/playbooks")).Json()).GetProperty("items")[0].GetProperty("id").GetString();
        var created = await chris.PostJson($"/api/v1/t/acme/playbooks/{playbookId}/proposals", new { title = "CSRF probe" });
        var url = $"/api/v1/t/acme/proposals/{(await created.Json()).GetProperty("id").GetString()}";

        var cookieRead = await browser.GetAsync(url);
        var cookieSubmit = await browser.SendAsync(CrossSitePost($"{url}/submit"));
        var statusAfterCookie = (await (await chris.GetAsync(url)).Json()).GetProperty("status").GetString();
        var tokenSubmit = await chris.PostAsync($"{url}/submit", null);
        var cookieWithdraw = await browser.SendAsync(CrossSitePost($"{url}/withdraw"));
        var tokenWithdraw = await chris.PostAsync($"{url}/withdraw", null);

        cookieRead.StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeCookieRefusal(cookieSubmit);
        statusAfterCookie!.ToLowerInvariant().ShouldBe("draft");
        tokenSubmit.StatusCode.ShouldBe(HttpStatusCode.OK, await tokenSubmit.Content.ReadAsStringAsync());
        await ShouldBeCookieRefusal(cookieWithdraw);
        tokenWithdraw.StatusCode.ShouldBe(HttpStatusCode.OK, await tokenWithdraw.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_cookie_cannot_rotate_a_webhook_secret_or_redeliver_while_the_admins_bearer_token_can()
    {
        using var browser = await SignedInBrowser("alex@northwind.example");
        var alex = await factory.ClientFor("alex@northwind.example");
        var webhooks = "/api/v1/t/acme/webhooks";
        var created = await alex.PostJson(webhooks, new CreateWebhookRequest("https://example.com/csrf-probe", null));
        var id = (await created.Json()).GetProperty("webhook").GetProperty("id").GetString();
        try
        {
            // The demo's paused webhook has one failed delivery to redeliver.
            var list = await browser.GetAsync(webhooks);
            var demo = (await list.Json()).EnumerateArray()
                .Single(w => w.GetProperty("url").GetString() == "https://hooks.acme.example/salesalign").GetProperty("id").GetString();
            var deliveries = await browser.GetAsync($"{webhooks}/{demo}/deliveries");
            var deliveryId = (await deliveries.Json()).GetProperty("items")[0].GetProperty("id").GetString();

            var cookieRotate = await browser.SendAsync(CrossSitePost($"{webhooks}/{id}/rotate-secret"));
            var tokenRotate = await alex.PostAsync($"{webhooks}/{id}/rotate-secret", null);
            var cookieRedeliver = await browser.SendAsync(CrossSitePost($"{webhooks}/{demo}/deliveries/{deliveryId}/redeliver"));
            var cookieDelete = await browser.DeleteAsync($"{webhooks}/{id}");
            var tokenRedeliver = await alex.PostAsync($"{webhooks}/{demo}/deliveries/{deliveryId}/redeliver", null);

            list.StatusCode.ShouldBe(HttpStatusCode.OK);
            deliveries.StatusCode.ShouldBe(HttpStatusCode.OK);
            await ShouldBeCookieRefusal(cookieRotate);
            tokenRotate.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await tokenRotate.Json()).GetProperty("secret").GetString().ShouldStartWith("whsec_");
            await ShouldBeCookieRefusal(cookieRedeliver);
            await ShouldBeCookieRefusal(cookieDelete);
            tokenRedeliver.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }
        finally
        {
            (await alex.DeleteAsync($"{webhooks}/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task An_open_route_still_answers_a_browser_with_a_cookie_and_an_unsigned_request_still_gets_401()
    {
        using var browser = await SignedInBrowser("val@acme.example");
        using var anonymous = factory.CreateClient();
        const string lead = """{"lead":{"externalId":"L-1","fields":{"seniority":"VP"},"events":[]},"asOf":"2026-11-23T12:00:00Z"}""";

        var sample = await browser.PostAsync("/api/v1/sample/score", new StringContent(lead, Encoding.UTF8, "application/json"));
        var unsigned = await anonymous.PostAsync("/api/v1/t/acme/webhooks", new StringContent("{}", Encoding.UTF8, "application/json"));

        sample.StatusCode.ShouldBe(HttpStatusCode.OK, await sample.Content.ReadAsStringAsync());
        unsigned.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await unsigned.Content.ReadAsStringAsync()).ShouldNotContain("cookie_not_accepted");
    }

    private static HttpRequestMessage CrossSitePost(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("", Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", Evil);
        request.Headers.Referrer = new Uri($"{Evil}/page");
        return request;
    }

    private static async Task ShouldBeCookieRefusal(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ProblemCode()).ShouldBe("cookie_not_accepted");
    }

    /// <summary>A client that keeps cookies like a browser, signed in through the login page (no bearer token).</summary>
    private async Task<HttpClient> SignedInBrowser(string email)
    {
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var login = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["email"] = email,
            ["password"] = ApiFactory.Password,
            ["returnUrl"] = "/app",
        }));
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        browser.DefaultRequestHeaders.Authorization.ShouldBeNull();
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
