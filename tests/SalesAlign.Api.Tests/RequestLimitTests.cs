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
}
