using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Telemetry;

namespace SalesAlign.Application.Common.Behaviors;

/// <summary>
/// First in the pipeline, so it sees every request whoever sends it and however it ends (refused by validation or by
/// the policy included): one activity named after the use case, tagged with the tenant and the outcome, exceptions
/// recorded on it, and one structured log line with the duration and the outcome.
/// </summary>
public sealed partial class TelemetryBehavior<TMessage, TResponse>(ITenantContext tenant, TimeProvider clock, ILogger<TelemetryBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var useCase = UseCaseTelemetry.NameOf(typeof(TMessage));
        using var activity = UseCaseTelemetry.Source.StartActivity(useCase);
        activity?.SetTag(UseCaseTelemetry.UseCaseTag, useCase);
        var started = clock.GetTimestamp();
        Exception? failure = null;
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception exception)
        {
            failure = exception;
            activity?.AddException(exception);
            throw;
        }
        finally
        {
            Complete(activity, useCase, failure, clock.GetElapsedTime(started));
        }
    }

    private void Complete(Activity? activity, string useCase, Exception? failure, TimeSpan elapsed)
    {
        var outcome = UseCaseTelemetry.OutcomeOf(failure);
        // Read at the end: a tenant route has entered its tenant before, a use case that creates one enters it here.
        var slug = tenant.Slug;
        if (activity is not null)
        {
            activity.SetTag(UseCaseTelemetry.TenantIdTag, tenant.TenantId?.ToString());
            activity.SetTag(UseCaseTelemetry.TenantSlugTag, slug);
            activity.SetTag(UseCaseTelemetry.OutcomeTag, outcome);
            if (outcome == "error")
                activity.SetStatus(ActivityStatusCode.Error, failure!.Message);
        }
        if (outcome == "error")
            LogFailed(useCase, outcome, elapsed.TotalMilliseconds, slug, failure);
        else
            LogCompleted(useCase, outcome, elapsed.TotalMilliseconds, slug);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{UseCase} ended {Outcome} in {ElapsedMs:0.0} ms (tenant {Tenant})")]
    private partial void LogCompleted(string useCase, string outcome, double elapsedMs, string? tenant);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{UseCase} ended {Outcome} in {ElapsedMs:0.0} ms (tenant {Tenant})")]
    private partial void LogFailed(string useCase, string outcome, double elapsedMs, string? tenant, Exception? exception);
}
