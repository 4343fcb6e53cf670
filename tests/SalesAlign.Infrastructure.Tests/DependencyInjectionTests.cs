using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Tests;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("salesalign-host-").FullName;

    [Fact]
    public async Task A_host_with_default_settings_creates_and_migrates_a_SQLite_database_under_App_Data()
    {
        using var host = BuildHost([]);

        await host.StartAsync();

        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(Guid.NewGuid(), "acme");
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        db.ShouldBeOfType<SqliteAppDbContext>();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Slug.ShouldBe("acme");
        (await ((AppDbContext)db).Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        File.Exists(Path.Combine(_contentRoot, "App_Data", "salesalign.db")).ShouldBeTrue();
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("SqlServer")]
    public void A_server_provider_without_a_connection_string_is_refused_at_startup(string provider)
    {
        var ex = Should.Throw<InvalidOperationException>(() => BuildHost([new("Database:Provider", provider)]));

        ex.Message.ShouldContain("ConnectionStrings:SalesAlign");
    }

    [Fact]
    public void The_provider_named_in_configuration_is_the_one_registered()
    {
        using var host = BuildHost([new("Database:Provider", "Postgres"), new("ConnectionStrings:SalesAlign", "Host=localhost;Database=x")]);
        using var scope = host.Services.CreateScope();

        scope.ServiceProvider.GetRequiredService<AppDbContext>().ShouldBeOfType<PostgresAppDbContext>();
    }

    private IHost BuildHost(KeyValuePair<string, string?>[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new() { ContentRootPath = _contentRoot });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
        return builder.Build();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_contentRoot, recursive: true);
    }
}
