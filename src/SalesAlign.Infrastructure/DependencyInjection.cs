using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Features.Webhooks;
using SalesAlign.Infrastructure.Outbox;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;
using SalesAlign.Infrastructure.Webhooks;

namespace SalesAlign.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "SalesAlign";

    /// <summary>
    /// The database chosen by <c>Database:Provider</c> (Sqlite by default, Postgres, SqlServer) with the
    /// connection string <c>ConnectionStrings:SalesAlign</c>, the tenancy module, and migrate-on-start.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);

        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddSingleton<TenancySaveChangesInterceptor>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton(sp => new AfterCommitInterceptor(sp.GetRequiredService<OutboxSignal>()));
        services.AddScoped<IUserAccess, UserAccess>();

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = connectionString ?? DefaultSqliteConnectionString(environment);
                AddContext<SqliteAppDbContext>(services, o => o.UseSalesAlignSqlite(sqlite));
                break;
            case DatabaseProvider.Postgres:
                var postgres = connectionString ?? throw MissingConnectionString(provider);
                AddContext<PostgresAppDbContext>(services, o => o.UseSalesAlignPostgres(postgres));
                break;
            case DatabaseProvider.SqlServer:
                var sqlServer = connectionString ?? throw MissingConnectionString(provider);
                AddContext<SqlServerAppDbContext>(services, o => o.UseSalesAlignSqlServer(sqlServer));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}'.");
        }

        services.AddHostedService<DatabaseInitializer>();
        AddWebhooks(services, configuration);
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        if (configuration.GetValue($"{OutboxOptions.Section}:{nameof(OutboxOptions.Dispatch)}", true))
            services.AddHostedService<OutboxDispatcher>();
        services.Configure<Leads.LeadRescoreOptions>(configuration.GetSection(Leads.LeadRescoreOptions.Section));
        services.AddSingleton<Leads.LeadRescoreWorker>();
        if (configuration.GetValue($"{Leads.LeadRescoreOptions.Section}:{nameof(Leads.LeadRescoreOptions.Enabled)}", true))
            services.AddHostedService(sp => sp.GetRequiredService<Leads.LeadRescoreWorker>());
        services.AddSingleton(configuration.GetSection(Application.Features.Leads.LeadImportOptions.Section).Get<Application.Features.Leads.LeadImportOptions>() ?? new());
        services.Configure<Leads.LeadImportWorkerOptions>(configuration.GetSection(Leads.LeadImportWorkerOptions.Section));
        services.AddSingleton<Leads.LeadImportWorker>();
        if (configuration.GetValue($"{Leads.LeadImportWorkerOptions.Section}:{nameof(Leads.LeadImportWorkerOptions.Enabled)}", true))
            services.AddHostedService(sp => sp.GetRequiredService<Leads.LeadImportWorker>());
        return services;
    }

    private static void AddWebhooks(IServiceCollection services, IConfiguration configuration)
    {
        // The API registers the system clock too; a host with Infrastructure alone still needs one.
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.Configure<WebhookRegistrationOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<ILiveEventTarget, WebhookEventTarget>();
        // Two clients, chosen by Webhooks:AllowPrivateNetworks when sending: only the guarded one may reach the internet.
        services.AddHttpClient(SafeConnect.GuardedClient, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => SafeConnect.Handler(guarded: true));
        services.AddHttpClient(SafeConnect.UnguardedClient, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => SafeConnect.Handler(guarded: false));
        services.AddSingleton<WebhookDeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliveryWorker>());
    }

    private static void AddContext<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : AppDbContext
    {
        services.AddDbContext<TContext>((sp, options) =>
        {
            configure(options);
            options.AddInterceptors(sp.GetRequiredService<TenancySaveChangesInterceptor>(), sp.GetRequiredService<AfterCommitInterceptor>());
        });
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<TContext>());
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<TContext>());
        services.AddScoped<IAfterCommit>(sp => sp.GetRequiredService<TContext>().AfterCommit);
    }

    private static string DefaultSqliteConnectionString(IHostEnvironment environment)
    {
        var folder = Path.Combine(environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "salesalign.db")}";
    }

    private static InvalidOperationException MissingConnectionString(DatabaseProvider provider) =>
        new($"Database:Provider is {provider} but ConnectionStrings:{ConnectionStringName} is not set.");
}
