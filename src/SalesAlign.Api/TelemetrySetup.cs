using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SalesAlign.Application.Common.Telemetry;

namespace SalesAlign.Api;

/// <summary>
/// OpenTelemetry tracing: each HTTP request's span, with the use case it sends as a child span
/// (<see cref="UseCaseTelemetry.Source"/>, one per mediator request, whoever sends it). Exported over OTLP only where
/// a collector is configured by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; without one the spans still give the
/// log lines their trace ids.
/// </summary>
internal static class TelemetrySetup
{
    public const string ServiceName = "salesalign";

    public static void AddSalesAlignTelemetry(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing.AddSource(UseCaseTelemetry.SourceName).AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
    }
}
