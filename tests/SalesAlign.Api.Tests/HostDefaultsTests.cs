using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesAlign.Infrastructure.Identity;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Seeding;

namespace SalesAlign.Api.Tests;

/// <summary>
/// The API as a fresh install starts it: an empty SQLite file, the given environment, nothing set about demo data
/// (unlike <see cref="ApiFactory"/>), and every log line kept.
/// </summary>
public sealed class FreshInstallFactory(string environment) : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"salesalign-fresh-{Guid.NewGuid():N}.db");

    public ConcurrentQueue<string> Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:SalesAlign", $"Data Source={_databasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Demo:LeadsPerTenant", "20");
        builder.UseSetting("Webhooks:Deliver", "false");
        builder.UseSetting("Outbox:Dispatch", "false");
        builder.ConfigureLogging(logging => logging.AddProvider(new KeepingLoggerProvider(Log)));
    }

    public async Task<(int Users, int Tenants)> CountAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (users.Users.Count(), db.Tenants.Count());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_databasePath);
    }

    private sealed class KeepingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Keeping(lines);

        public void Dispose()
        {
        }

        private sealed class Keeping(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}

/// <summary>Issue 10 item 11: demo accounts (with their published password) only where asked for.</summary>
public sealed class DemoSeedDefaultTests
{
    [Fact]
    public async Task Production_without_the_flag_seeds_nothing_and_says_how_to_get_the_first_admin()
    {
        await using var production = new FreshInstallFactory("Production");
        _ = production.Server;

        var (users, tenants) = await production.CountAsync();
        var demoSignIn = await production.CreateClient().PostAsync("/connect/token", DemoPasswordGrant());

        users.ShouldBe(0);
        tenants.ShouldBe(0);
        demoSignIn.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        production.Log.Count(l => l.Contains("No users exist yet", StringComparison.Ordinal)).ShouldBe(1);
        production.Log.ShouldContain(l => l.StartsWith("Warning: ", StringComparison.Ordinal) && l.Contains("first admin", StringComparison.Ordinal));
        production.Log.ShouldNotContain(l => l.Contains(DemoDataSeeder.DefaultPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Development_seeds_the_demo_without_being_told()
    {
        await using var development = new FreshInstallFactory("Development");
        _ = development.Server;

        var (users, tenants) = await development.CountAsync();
        var demoSignIn = await development.CreateClient().PostAsync("/connect/token", DemoPasswordGrant());

        users.ShouldBe(DemoDataSeeder.People.Count);
        tenants.ShouldBe(2);
        demoSignIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        development.Log.ShouldNotContain(l => l.Contains("No users exist yet", StringComparison.Ordinal));
    }

    private static FormUrlEncodedContent DemoPasswordGrant() => new(new Dictionary<string, string>
    {
        ["grant_type"] = "password",
        ["client_id"] = "salesalign-cli",
        ["username"] = "alex@northwind.example",
        ["password"] = DemoDataSeeder.DefaultPassword,
        ["scope"] = "api",
    });
}

/// <summary>Issue 10 item 10: every answer carries the security headers; each kind of page gets its own policy.</summary>
[Collection(nameof(ApiHost))]
public sealed class SecurityHeaderTests(ApiFactory factory)
{
    [Theory]
    [InlineData("/app", "script-src 'self';")]
    [InlineData("/app/tenants/acme", "script-src 'self';")]
    [InlineData("/account/login", "default-src 'none'; style-src 'unsafe-inline'")]
    [InlineData("/scalar/", "script-src 'self' 'unsafe-inline'")]
    [InlineData("/api/v1/me", "default-src 'none'")]
    [InlineData("/api/v1/t/acme/nowhere", "default-src 'none'")]
    [InlineData("/openapi/v1.json", "default-src 'none'")]
    [InlineData("/health/live", "default-src 'none'")]
    public async Task Every_answer_carries_the_headers_and_the_policy_of_its_kind(string path, string policyPart)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "Referrer-Policy").ShouldBe("no-referrer");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        var policy = Header(response, "Content-Security-Policy");
        policy.ShouldContain(policyPart);
        policy.ShouldContain("frame-ancestors 'none'");
        policy.ShouldNotContain("unsafe-eval");
        // Development (this host): no HSTS, so a developer's browser never pins localhost to HTTPS.
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public void The_web_ui_policy_runs_only_its_own_scripts_and_talks_only_to_its_own_origin()
    {
        var directives = SecurityHeaders.AppPolicy.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);

        directives["script-src"].ShouldBe("script-src 'self'");
        directives["connect-src"].ShouldBe("connect-src 'self'");
        directives["object-src"].ShouldBe("object-src 'none'");
        directives["frame-ancestors"].ShouldBe("frame-ancestors 'none'");
        directives["default-src"].ShouldBe("default-src 'self'");
    }

    [Fact]
    public async Task Outside_development_answers_carry_hsts_too_even_errors()
    {
        await using var production = new FreshInstallFactory("Production");
        using var client = production.CreateClient(new() { AllowAutoRedirect = false });

        var notFound = await client.GetAsync("/api/v1/nowhere");
        var login = await client.GetAsync("/account/login");

        foreach (var response in new[] { notFound, login })
        {
            Header(response, "Strict-Transport-Security").ShouldBe("max-age=31536000");
            Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
            Header(response, "Content-Security-Policy").ShouldContain("frame-ancestors 'none'");
        }
        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : throw new ShouldAssertException($"{(int)response.StatusCode} {response.RequestMessage!.RequestUri} has no {name} header");
}
