namespace SalesAlign.Api.Endpoints;

internal static class HealthEndpoints
{
    /// <summary>Liveness answers while the process runs; readiness also runs the registered checks.</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Probes only read: GET and HEAD, like every other read route.
        var readOnly = new HttpMethodMetadata(["GET", "HEAD"]);
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous().WithTags("Operations").WithMetadata(readOnly);
        app.MapHealthChecks("/health/ready").AllowAnonymous().WithTags("Operations").WithMetadata(readOnly);
    }
}
