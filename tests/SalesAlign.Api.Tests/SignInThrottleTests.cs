using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesAlign.Api.Identity;
using SalesAlign.Infrastructure.Identity;

namespace SalesAlign.Api.Tests;

/// <summary>
/// A host of its own whose requests come from the client address named in <see cref="AddressHeader"/> (the test
/// server has no sockets), and which counts password hash verifications.
/// </summary>
public sealed class SignInHost : IAsyncLifetime
{
    public const string AddressHeader = "X-Test-Client-Address";

    private ApiFactory Base { get; } = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public HashCounter Hashes { get; } = new();

    public Task InitializeAsync()
    {
        Factory = Base.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
            services.AddSingleton(Hashes);
            services.AddScoped<IPasswordHasher<ApplicationUser>>(sp => new CountingHasher(sp.GetRequiredService<IOptions<PasswordHasherOptions>>(), Hashes));
        }));
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task<HttpResponseMessage> PasswordGrant(string address, string username, string password)
    {
        using var client = Factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = "salesalign-cli",
                ["username"] = username,
                ["password"] = password,
                ["scope"] = "api",
            }),
        };
        request.Headers.Add(AddressHeader, address);
        return await client.SendAsync(request);
    }

    public async Task DisposeAsync() => await Base.DisposeAsync();

    public sealed class HashCounter
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public void Count() => Interlocked.Increment(ref _verifications);
    }

    private sealed class CountingHasher(IOptions<PasswordHasherOptions> options, HashCounter counter) : PasswordHasher<ApplicationUser>(options)
    {
        public override PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            counter.Count();
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader].ToString(), out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// Issue 10 item 4: wrong passwords slow down that account from that address only, never lock the owner out;
/// <c>Maria@</c> is <c>maria@</c>; the 429 says when to retry; unknown accounts answer like known ones.
/// </summary>
public sealed partial class SignInThrottleTests(SignInHost host) : IClassFixture<SignInHost>
{
    [Fact]
    public async Task Failures_from_one_address_throttle_that_address_while_the_owner_signs_in_from_another()
    {
        const string attacker = "203.0.113.7", owner = "198.51.100.20";
        var failures = new List<HttpStatusCode>();

        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
            failures.Add((await host.PasswordGrant(attacker, "gina@globex.example", $"guess-{i}")).StatusCode);
        var throttled = await host.PasswordGrant(attacker, "gina@globex.example", ApiFactory.Password);
        var fromElsewhere = await host.PasswordGrant(owner, "gina@globex.example", ApiFactory.Password);
        var tenMore = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            tenMore.Add((await host.PasswordGrant(attacker, "gina@globex.example", $"more-{i}")).StatusCode);
        var ownerAgain = await host.PasswordGrant(owner, "gina@globex.example", ApiFactory.Password);

        failures.ShouldAllBe(s => s == HttpStatusCode.BadRequest);
        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await throttled.ProblemCode()).ShouldBe(PasswordSignIn.ThrottledCode);
        fromElsewhere.StatusCode.ShouldBe(HttpStatusCode.OK, await fromElsewhere.Content.ReadAsStringAsync());
        tenMore.ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        ownerAgain.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Case_and_space_variants_of_an_email_count_as_one_account()
    {
        const string address = "203.0.113.8";
        string[] variants = ["Omar@Globex.example", "omar@globex.example", " OMAR@GLOBEX.EXAMPLE", "omar@GLOBEX.example ", "oMaR@globex.example"];

        var answers = new List<HttpStatusCode>();
        foreach (var variant in variants)
            answers.Add((await host.PasswordGrant(address, variant, "wrong-password")).StatusCode);
        var next = await host.PasswordGrant(address, "omar@globex.example", ApiFactory.Password);
        var otherAccountSameAddress = await host.PasswordGrant(address, "gina@globex.example", ApiFactory.Password);

        answers.ShouldAllBe(s => s == HttpStatusCode.BadRequest);
        next.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        otherAccountSameAddress.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_throttled_answer_is_a_429_problem_with_retry_after_alike_for_known_and_unknown_accounts()
    {
        const string address = "203.0.113.9";
        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
        {
            await host.PasswordGrant(address, "val@acme.example", "wrong-password");
            await host.PasswordGrant(address, "nobody-here@acme.example", "wrong-password");
        }

        var known = await host.PasswordGrant(address, "val@acme.example", "wrong-password");
        var unknown = await host.PasswordGrant(address, "nobody-here@acme.example", "wrong-password");

        foreach (var response in new[] { known, unknown })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await response.ProblemCode()).ShouldBe("sign_in_throttled");
            var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
            retryAfter.ShouldBeInRange(1, (int)SignInThrottle.FirstDelay.TotalSeconds);
        }
        (await Normalized(known)).ShouldBe(await Normalized(unknown));
    }

    [Fact]
    public async Task Unknown_and_known_accounts_get_the_same_answer_and_each_verifies_one_password_hash()
    {
        var before = host.Hashes.Verifications;
        var known = await host.PasswordGrant("203.0.113.10", "sam@acme.example", "wrong-password");
        var afterKnown = host.Hashes.Verifications;
        var unknown = await host.PasswordGrant("203.0.113.10", "sam@acme.invalid", "wrong-password");
        var afterUnknown = host.Hashes.Verifications;
        var right = await host.PasswordGrant("203.0.113.10", "sam@acme.example", ApiFactory.Password);

        known.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await known.Content.ReadAsStringAsync()).ShouldBe(await unknown.Content.ReadAsStringAsync());
        (await known.Content.ReadAsStringAsync()).ShouldContain(PasswordSignIn.WrongMessage);
        // The unknown account costs a hash verification too (against a dummy hash), so timing tells nothing.
        (afterKnown - before).ShouldBe(1);
        (afterUnknown - afterKnown).ShouldBe(1);
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_login_page_is_throttled_the_same_way_with_retry_after_and_the_owner_signs_in_from_elsewhere()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= SignInThrottle.FreeFailures; i++)
            statuses.Add((await Login("203.0.113.11", "chris@acme.example", $"guess-{i}")).StatusCode);
        var throttled = await Login("203.0.113.11", "Chris@acme.example", ApiFactory.Password);
        var owner = await Login("198.51.100.21", "chris@acme.example", ApiFactory.Password);

        statuses.Take(SignInThrottle.FreeFailures).ShouldAllBe(s => s == HttpStatusCode.BadRequest);
        statuses[^1].ShouldBe(HttpStatusCode.TooManyRequests);
        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        throttled.Headers.Contains("Retry-After").ShouldBeTrue();
        (await throttled.Content.ReadAsStringAsync()).ShouldContain("Too many failed sign-ins");
        owner.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public void Delays_start_after_five_failures_at_30_seconds_double_and_stop_at_15_minutes()
    {
        SignInThrottle.DelayAfter(4).ShouldBe(TimeSpan.Zero);
        SignInThrottle.DelayAfter(5).ShouldBe(TimeSpan.FromSeconds(30));
        SignInThrottle.DelayAfter(6).ShouldBe(TimeSpan.FromSeconds(60));
        SignInThrottle.DelayAfter(9).ShouldBe(TimeSpan.FromMinutes(8));
        SignInThrottle.DelayAfter(10).ShouldBe(TimeSpan.FromMinutes(15));
        SignInThrottle.DelayAfter(1000).ShouldBe(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void A_blocked_key_may_try_again_once_its_delay_passed_and_a_success_starts_it_afresh()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        var throttle = new SignInThrottle(clock);
        const string key = "MARIA@ACME.EXAMPLE|203.0.113.12";

        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
            throttle.TryBegin(key).ShouldBeNull();
        var blocked = throttle.TryBegin(key);
        var otherKey = throttle.TryBegin("MARIA@ACME.EXAMPLE|198.51.100.22");
        clock.Advance(TimeSpan.FromSeconds(30));
        var afterDelay = throttle.TryBegin(key);
        var blockedLonger = throttle.TryBegin(key);
        clock.Advance(TimeSpan.FromSeconds(60));
        var again = throttle.TryBegin(key);
        throttle.Succeeded(key);
        var fresh = Enumerable.Range(0, SignInThrottle.FreeFailures - 1).Select(_ => throttle.TryBegin(key)).ToList();

        blocked.ShouldBe(TimeSpan.FromSeconds(30));
        otherKey.ShouldBeNull();
        afterDelay.ShouldBeNull();
        blockedLonger.ShouldBe(TimeSpan.FromSeconds(60));
        again.ShouldBeNull();
        fresh.ShouldAllBe(wait => wait == null);
    }

    private async Task<HttpResponseMessage> Login(string address, string email, string password)
    {
        using var browser = host.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Add(SignInHost.AddressHeader, address);
        var page = await browser.GetStringAsync("/account/login");
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = "/app",
        }));
    }

    /// <summary>The body without its trace id and with the wait in seconds blanked out (the two answers come a moment apart).</summary>
    private static async Task<string> Normalized(HttpResponseMessage response)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return DigitsRun().Replace(body.ToJsonString(), "N");
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex DigitsRun();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
