using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SalesAlign.Api.Tests;

/// <summary>A host on real Kestrel (loopback, free port): body limits are enforced by the server itself.</summary>
public sealed class KestrelApiFactory : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"salesalign-kestrel-{Guid.NewGuid():N}.db");

    public KestrelApiFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:SalesAlign", $"Data Source={_databasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:LeadsPerTenant", "20");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_databasePath);
    }
}

public sealed class RequestLimitTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_a_body_under_it_is_read()
    {
        factory.StartServer();
        using var kestrel = factory.CreateClient();
        // Wait for the server's verdict before streaming the body, as a well-behaved large upload does — and
        // wait long enough: the default 1 s lets a busy CI machine start sending before the 413 arrives.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }) { BaseAddress = kestrel.BaseAddress };
        client.DefaultRequestHeaders.ExpectContinue = true;
        var huge = "{\"leads\":[" + string.Join(',', Enumerable.Repeat("{\"fields\":{\"title\":\"" + new string('x', 1000) + "\"}}", 5000)) + "]}";

        var tooBig = await client.PostAsync("/api/v1/sample/score", new StringContent(huge, Encoding.UTF8, "application/json"));
        var small = await client.PostAsync("/api/v1/sample/score", new StringContent("{\"lead\":{}}", Encoding.UTF8, "application/json"));

        var body = await tooBig.Content.ReadAsStringAsync();
        tooBig.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, body);
        body.ShouldContain("payload_too_large");
        small.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_CSV_import_alone_accepts_a_body_over_the_limit_and_the_batch_route_keeps_it()
    {
        factory.StartServer();
        using var kestrel = factory.CreateClient();
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }) { BaseAddress = kestrel.BaseAddress };
        client.DefaultRequestHeaders.ExpectContinue = true;
        var token = await TokenAsync(client);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        // About 6 MiB: 3,000 rows with a long job title each, in one file.
        var csv = new StringBuilder("externalId,title,seniority\n");
        for (var i = 0; i < 3000; i++)
            csv.Append("BIG-").Append(i).Append(',').Append(new string('t', 1990)).Append(",VP\n");
        var json = "{\"leads\":[" + string.Join(',', Enumerable.Range(0, 1000).Select(i => $"{{\"externalId\":\"J-{i}\",\"fields\":{{\"title\":\"{new string('x', 1990)}\"}}}}")) + "," +
            string.Join(',', Enumerable.Range(0, 1200).Select(i => $"{{\"externalId\":\"K-{i}\",\"fields\":{{\"title\":\"{new string('x', 1990)}\"}}}}")) + "]}";

        var import = await client.PostAsync("/api/v1/t/acme/leads:import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        var batch = await client.PostAsync("/api/v1/t/acme/leads:batch", new StringContent(json, Encoding.UTF8, "application/json"));

        var body = await import.Content.ReadAsStringAsync();
        csv.Length.ShouldBeGreaterThan(5 * 1024 * 1024);
        json.Length.ShouldBeGreaterThan(4 * 1024 * 1024);
        // Over Leads:InlineImportBytes (5 MiB) the import is a job (decision 0037): 202, then the job's record.
        import.StatusCode.ShouldBe(HttpStatusCode.Accepted, body);
        var job = await PollAsync(client, import.Headers.Location!.ToString());
        job.ShouldContain("\"status\":\"succeeded\"");
        job.ShouldContain("\"accepted\":3000");
        batch.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    private static async Task<string> PollAsync(HttpClient client, string location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var job = await client.GetStringAsync(location);
            if (job.Contains("\"status\":\"succeeded\"", StringComparison.Ordinal) || job.Contains("\"status\":\"failed\"", StringComparison.Ordinal))
                return job;
            DateTime.UtcNow.ShouldBeLessThan(deadline, job);
            await Task.Delay(200);
        }
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "salesalign-cli",
            ["username"] = "chris@acme.example",
            ["password"] = ApiFactory.Password,
            ["scope"] = "api",
        }));
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("access_token").GetString()!;
    }
}
