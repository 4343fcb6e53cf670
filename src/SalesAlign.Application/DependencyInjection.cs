using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Auditing;
using SalesAlign.Application.Common.Behaviors;

namespace SalesAlign.Application;

public static class DependencyInjection
{
    /// <summary>The mediator (source-generated in this assembly), its pipeline in order, and every validator.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            // Order matters: every request is traced and logged, refusals included; invalid input never opens a
            // transaction; no handler runs for a caller the request's declared policy refuses; commands run in one
            // transaction, queries do not.
            options.PipelineBehaviors =
            [
                typeof(TelemetryBehavior<,>), typeof(ValidationBehavior<,>), typeof(AuthorizationBehavior<,>), typeof(TransactionBehavior<,>),
            ];
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging(); // handlers log; a host has registered it already (idempotent), a bare container has not
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<ILiveEvents, LiveEvents>();
        services.AddScoped<ILiveSignals, LiveSignals>();
        services.AddMemoryCache();
        services.AddSingleton<Features.Playbooks.PlaybookReadCache>();
        services.AddSingleton<Features.Scoring.CompiledPlaybookCache>();
        services.AddScoped<Features.Leads.LeadRescorer>();
        services.TryAddSingleton(new Features.Leads.LeadImportOptions());
        services.AddScoped<Features.Leads.LeadImportRunner>();
        services.TryAddSingleton(new Features.Analytics.AnalyticsOptions());
        services.AddSingleton<Features.Analytics.AnalyticsCache>();
        services.AddSingleton<Features.Analytics.ImpactJobs>();
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }
}
