using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
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
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }
}
