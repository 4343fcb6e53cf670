using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SalesAlign.Api.Tests;

[Collection(nameof(ApiHost))]
public sealed partial class IdentityTests(ApiFactory factory)
{
    [Fact]
    public async Task Discovery_is_public_and_names_the_token_endpoint()
    {
        var response = await factory.CreateClient().GetAsync("/.well-known/openid-configuration");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Json()).GetProperty("token_endpoint").GetString()!.ShouldEndWith("/connect/token");
    }

    [Fact]
    public async Task A_demo_user_gets_a_token_with_the_password_grant_and_me_shows_their_memberships()
    {
        var client = await factory.ClientFor("maria@acme.example");

        var me = await (await client.GetAsync("/api/v1/me")).Json();

        me.GetProperty("user").GetProperty("email").GetString().ShouldBe("maria@acme.example");
        var membership = me.GetProperty("memberships").EnumerateArray().ShouldHaveSingleItem();
        membership.GetProperty("tenant").GetString().ShouldBe("acme");
        membership.GetProperty("team").GetString().ShouldBe("marketing");
        membership.GetProperty("role").GetString().ShouldBe("approver");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_the_right_one_works()
    {
        var wrong = await factory.PasswordGrant("sam@acme.example", "not-the-password");
        var right = await factory.PasswordGrant("sam@acme.example", ApiFactory.Password);

        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Json()).GetProperty("error").GetString().ShouldBe("invalid_grant");
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_refresh_token_gets_a_new_access_token_that_works()
    {
        var granted = await (await factory.PasswordGrant("chris@acme.example", ApiFactory.Password)).Json();
        using var anonymous = factory.CreateClient();

        var refreshed = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = "salesalign-cli",
            ["refresh_token"] = granted.GetProperty("refresh_token").GetString()!,
        }));
        var token = (await refreshed.Json()).GetProperty("access_token").GetString();
        var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        me.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.SendAsync(me)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_token_the_API_answers_401()
    {
        var anonymous = factory.CreateClient();

        (await anonymous.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/v1/t/acme")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_token_endpoint_is_rate_limited_per_account_whatever_the_case_and_says_when_to_retry()
    {
        var answers = new List<HttpResponseMessage>();

        // Alternating case: one account for both the sign-in throttle and the request limit.
        for (var i = 0; i < 25; i++)
            answers.Add(await factory.PasswordGrant(i % 2 == 0 ? "rate-limit-probe@nowhere.example" : "Rate-Limit-Probe@Nowhere.example", "x"));

        // Five free failures, then the sign-in throttle; past 20 a minute, the request limit answers before it.
        answers.Take(5).ShouldAllBe(r => r.StatusCode == HttpStatusCode.BadRequest);
        answers.Skip(5).ShouldAllBe(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        foreach (var limited in answers.Skip(20))
        {
            limited.Headers.Contains("Retry-After").ShouldBeTrue();
            (await limited.ProblemCode()).ShouldBe("rate_limited");
        }
        (await answers[5].ProblemCode()).ShouldBe("sign_in_throttled");
        (await factory.PasswordGrant("omar@globex.example", ApiFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_login_page_signs_in_with_a_cookie_that_the_API_accepts()
    {
        using var browser = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/account/login?returnUrl=/api/v1/me");
        var token = AntiforgeryField().Match(page).Groups[1].Value;

        var bad = await browser.PostAsync("/account/login", Form(token, "chris@acme.example", "nope"));
        var good = await browser.PostAsync("/account/login", Form(token, "chris@acme.example", ApiFactory.Password));
        var me = await browser.GetAsync("/api/v1/me");

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        good.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        good.Headers.Location!.ToString().ShouldBe("/api/v1/me");
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await me.Json()).GetProperty("user").GetProperty("email").GetString().ShouldBe("chris@acme.example");
    }

    [Fact]
    public async Task The_login_page_never_redirects_off_site()
    {
        using var browser = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;

        var response = await browser.PostAsync("/account/login", Form(token, "val@acme.example", ApiFactory.Password, "//evil.example/"));

        response.Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task Authorization_code_with_PKCE_issues_a_token_to_a_signed_in_browser()
    {
        using var browser = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/account/login");
        await browser.PostAsync("/account/login", Form(AntiforgeryField().Match(page).Groups[1].Value, "sam@acme.example", ApiFactory.Password));
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var redirect = "http://localhost:5080/signin-callback";

        var authorize = await browser.GetAsync($"/connect/authorize?client_id=salesalign-web&response_type=code&scope=api&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge={challenge}&code_challenge_method=S256&state=xyz");
        var code = Regex.Match(authorize.Headers.Location!.ToString(), "[?&]code=([^&]+)").Groups[1].Value;
        var token = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "salesalign-web",
            ["code"] = Uri.UnescapeDataString(code),
            ["redirect_uri"] = redirect,
            ["code_verifier"] = verifier,
        }));

        authorize.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        code.ShouldNotBeNullOrEmpty();
        token.StatusCode.ShouldBe(HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
    }

    private static FormUrlEncodedContent Form(string antiforgery, string email, string password, string returnUrl = "/api/v1/me") => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = antiforgery,
        ["email"] = email,
        ["password"] = password,
        ["returnUrl"] = returnUrl,
    });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
