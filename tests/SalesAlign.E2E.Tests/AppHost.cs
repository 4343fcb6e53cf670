using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Infrastructure.Seeding;

namespace SalesAlign.E2E.Tests;

/// <summary>
/// The whole product on a real loopback port (Kestrel), on its own SQLite file, with the outbox dispatcher polling
/// fast so live events arrive as in production: what a browser talks to.
/// </summary>
public sealed class AppHost : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"salesalign-e2e-{Guid.NewGuid():N}.db");

    public const string Password = DemoDataSeeder.DefaultPassword;

    public AppHost() => UseKestrel(0);

    public Uri BaseAddress { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:SalesAlign", $"Data Source={_databasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Outbox:Dispatch", "true");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.050");
        builder.UseSetting("Webhooks:Deliver", "false");
        builder.UseSetting("Identity:TokenRequestsPerMinute", "200");
    }

    /// <summary>Starts the server once and waits for the demo seed; returns its address.</summary>
    public async Task<Uri> StartAsync()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        using var http = new HttpClient { BaseAddress = BaseAddress };
        // The seeder is a hosted service: wait until demo users can sign in.
        for (var i = 0; i < 120; i++)
        {
            var page = await http.GetAsync("/health/ready");
            if (page.IsSuccessStatusCode && await SeededAsync(http))
                return BaseAddress;
            await Task.Delay(250);
        }
        throw new InvalidOperationException("The app did not become ready with its demo data.");
    }

    private static async Task<bool> SeededAsync(HttpClient http)
    {
        var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "salesalign-cli",
            ["username"] = "val@acme.example",
            ["password"] = Password,
            ["scope"] = "api",
        }));
        return response.IsSuccessStatusCode;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
            File.Delete(file);
    }
}
