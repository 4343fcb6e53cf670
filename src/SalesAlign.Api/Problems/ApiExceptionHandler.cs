using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Domain.Proposals;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Api.Problems;

/// <summary>
/// The one place where failures become RFC 9457 problem details with a stable <c>code</c>. Endpoints never
/// catch. A client's mistake is always a 4xx naming what is wrong; only our own bugs are 500s.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ProblemFor(exception);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Problem(500, "internal_error", "An unexpected error occurred.", "The failure was logged; nothing was changed.");
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The problem a known failure maps to, or null for our own bugs. Shared with the web UI, which reports the
    /// same status, code and JSON Pointers as the HTTP API.
    /// </summary>
    public static ProblemDetails? ProblemFor(Exception exception) =>
        exception switch
        {
            ValidationException validation => Validation(validation),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem(413, "payload_too_large", "The request body is too large.",
                $"The limit is {HostSetup.MaxRequestBodyBytes:N0} bytes."),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } bad => Problem(415, "unsupported_media_type", "The body's media type is not accepted.",
                $"{bad.Message} Send application/json."),
            BadHttpRequestException bad => Problem(bad.StatusCode, "malformed_request", "The request could not be read.", Describe(bad)),
            SalesAlign.Api.Endpoints.PreconditionRequiredException required => Problem(428, "if_match_required", "Say which revision you edited.", required.Message),
            SalesAlign.Domain.Json.JsonPatchException patch => PatchProblem(patch),
            NotFoundException notFound => Problem(404, "not_found", "Not found.", notFound.Message),
            PreconditionFailedException stale => Problem(412, "revision_stale", "Someone changed this before you.", stale.Message),
            DbUpdateConcurrencyException => Problem(412, "revision_stale", "Someone changed this before you.", "Reload, reapply your change and send the new revision as If-Match."),
            ConflictException conflict => Problem(409, conflict.Code, "Conflict.", conflict.Message),
            UnprocessableException unprocessable => Problem(422, unprocessable.Code, "Cannot be processed as sent.", unprocessable.Message),
            UnauthorizedException unauthorized => Problem(401, unauthorized.Code, "Not signed in.", unauthorized.Message),
            ForbiddenException forbidden => Problem(403, forbidden.Code, "Not allowed.", forbidden.Message),
            WorkflowException workflow => Problem(workflow.Failure == WorkflowFailure.Forbidden ? 403 : 409, workflow.Code,
                workflow.Failure == WorkflowFailure.Forbidden ? "Not allowed." : "Conflict.", workflow.Message),
            // A write aimed at another tenant's row can only come from an id of that tenant: answer as for any unknown id.
            TenantMismatchException => Problem(404, "not_found", "Not found.", "The object was not found."),
            _ => null,
        };

    private static ValidationProblemDetails Validation(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        var problem = new ValidationProblemDetails(errors)
        {
            Status = 400,
            Title = "The request is invalid.",
            Type = TypeOf("validation_failed"),
            Detail = $"{exception.Errors.Count()} problem(s); each is listed under its JSON Pointer in 'errors'.",
        };
        problem.Extensions["code"] = "validation_failed";
        problem.Extensions["problems"] = exception.Errors
            .Select(e => new { path = e.PropertyName, code = e.ErrorCode, message = e.ErrorMessage })
            .ToList();
        return problem;
    }

    private static ValidationProblemDetails PatchProblem(SalesAlign.Domain.Json.JsonPatchException patch)
    {
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [$"/patch{patch.Path}"] = [patch.Message] })
        {
            Status = 400,
            Title = "The JSON Patch cannot be applied.",
            Type = TypeOf("patch_invalid"),
        };
        problem.Extensions["code"] = "patch_invalid";
        return problem;
    }

    private static ProblemDetails Problem(int status, string code, string title, string? detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeOf(code) };
        problem.Extensions["code"] = code;
        return problem;
    }

    /// <summary>Unreadable JSON: say where and why, from the parser's own account.</summary>
    private static string Describe(BadHttpRequestException exception) =>
        exception.InnerException is JsonException json
            ? $"Invalid JSON at '{json.Path ?? "$"}': {FirstSentence(json.Message)}"
            : exception.Message;

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    public static string CodeForStatus(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        412 => "revision_stale",
        428 => "if_match_required",
        413 => "payload_too_large",
        414 => "uri_too_long",
        415 => "unsupported_media_type",
        431 => "headers_too_large",
        422 => "unprocessable",
        429 => "rate_limited",
        _ => status >= 500 ? "internal_error" : "error",
    };

    public static string TypeOf(string code) => $"https://salesalign.example/problems/{code}";
}
