using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenTelemetry.Trace;
using SalesAlign.Infrastructure.Seeding;

namespace SalesAlign.Api.Tests;

/// <summary>
/// One host for the whole test collection (starting it costs seconds) on its own SQLite file, seeded with
/// the demo data, with helpers to act as any demo user through real tokens.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"salesalign-test-{Guid.NewGuid():N}.db");
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new(StringComparer.Ordinal);

    public const string Password = DemoDataSeeder.DefaultPassword;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:SalesAlign", $"Data Source={_databasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        // Said here, not left to the Development defaults: every test signs in as a demo user.
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Identity:TokenRequestsPerMinute", "20");
        // Webhook tests drive WebhookDeliveryWorker themselves, with a fake clock and their own network options.
        builder.UseSetting("Webhooks:Deliver", "false");
        // The dispatcher has no targets here yet; its own tests drive it directly against a test target.
        builder.UseSetting("Outbox:Dispatch", "false");
        // Enough demo leads to check the funnel's proportions, few enough to keep the host's start fast.
        builder.UseSetting("Demo:LeadsPerTenant", SeededLeadsPerTenant.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Through the host's own OpenTelemetry setup: a use-case span reaches this only if the setup listens to its source.
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(UseCaseSpans)));
    }

    /// <summary>The use-case spans the host's tracer provider ended (see <see cref="TelemetryTests"/>).</summary>
    public UseCaseSpanRecorder UseCaseSpans { get; } = new();

    public const int SeededLeadsPerTenant = 400;

    /// <summary>A client signed in as the demo user with this email (token fetched once per user).</summary>
    public async Task<HttpClient> ClientFor(string email)
    {
        var token = await TokenFor(email);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The access token of a demo user (fetched once per user).</summary>
    public Task<string> TokenFor(string email) => _tokens.GetOrAdd(email, e => TokenAsync(e, Password));

    /// <summary>A client authenticated as the acme integration client (client credentials).</summary>
    public async Task<HttpClient> IntegrationClient()
    {
        var token = await IntegrationToken();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The acme integration client's access token (client credentials, fetched once).</summary>
    public Task<string> IntegrationToken() =>
        _tokens.GetOrAdd("client:acme-crm", async _ =>
        {
            using var anonymous = CreateClient();
            var response = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "acme-crm",
                ["client_secret"] = DemoDataSeeder.DefaultIntegrationSecret,
                ["scope"] = "api",
            }));
            return await ReadToken(response);
        });

    public async Task<HttpResponseMessage> PasswordGrant(string username, string password)
    {
        using var anonymous = CreateClient();
        return await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "salesalign-cli",
            ["username"] = username,
            ["password"] = password,
            ["scope"] = "api offline_access",
        }));
    }

    private async Task<string> TokenAsync(string email, string password) => await ReadToken(await PasswordGrant(email, password));

    private static async Task<string> ReadToken(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Token request failed ({(int)response.StatusCode}): {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_databasePath);
    }
}

[CollectionDefinition(nameof(ApiHost))]
public sealed class ApiHost : ICollectionFixture<ApiFactory>;

internal static class HttpAssertions
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<string> ProblemCode(this HttpResponseMessage response) =>
        (await response.Json()).GetProperty("code").GetString()!;

    public static Task<HttpResponseMessage> PostJson<T>(this HttpClient client, string url, T body) => client.PostAsJsonAsync(url, body);
}
