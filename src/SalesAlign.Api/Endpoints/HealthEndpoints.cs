namespace SalesAlign.Api.Endpoints;

internal static class HealthEndpoints
{
    /// <summary>Liveness answers while the process runs; readiness also runs the registered checks.</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous().WithTags("Operations");
        app.MapHealthChecks("/health/ready").AllowAnonymous().WithTags("Operations");
    }
}
