using System.Collections.Concurrent;
using System.Diagnostics;
using FluentValidation;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Domain.Json;
using SalesAlign.Domain.Proposals;

namespace SalesAlign.Application.Common.Telemetry;

/// <summary>
/// The activity source every use case is traced from (the host's OpenTelemetry setup listens to it), the name a use
/// case goes by in traces and logs, and the outcome a request ended with.
/// </summary>
public static class UseCaseTelemetry
{
    public const string SourceName = "SalesAlign.Application";

    public const string UseCaseTag = "salesalign.use_case";
    public const string TenantIdTag = "salesalign.tenant.id";
    public const string TenantSlugTag = "salesalign.tenant.slug";
    public const string OutcomeTag = "salesalign.outcome";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly ConcurrentDictionary<Type, string> Names = new();

    /// <summary>The use case a request type stands for: <c>UpdateProposalCommand</c> → <c>UpdateProposal</c>.</summary>
    public static string NameOf(Type requestType) =>
        Names.GetOrAdd(requestType, static t => t.Name switch
        {
            var n when n.EndsWith("Command", StringComparison.Ordinal) => n[..^"Command".Length],
            var n when n.EndsWith("Query", StringComparison.Ordinal) => n[..^"Query".Length],
            var n => n,
        });

    /// <summary>
    /// How a request ended, in the words of the problem it becomes on the wire (the exception handler maps the same
    /// exceptions to statuses): a client's mistake is an outcome, not an error; only <c>error</c> is ours.
    /// </summary>
    public static string OutcomeOf(Exception? exception) => exception switch
    {
        null => "success",
        ValidationException or JsonPatchException => "invalid",
        UnauthorizedException => "unauthorized",
        ForbiddenException or WorkflowException { Failure: WorkflowFailure.Forbidden } => "forbidden",
        NotFoundException => "not_found",
        PreconditionFailedException or Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => "stale",
        ConflictException or WorkflowException => "conflict",
        UnprocessableException => "unprocessable",
        OperationCanceledException => "cancelled",
        _ => "error",
    };
}
