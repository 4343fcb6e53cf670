using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Net.Http.Headers;
using SalesAlign.Domain.Json;

namespace SalesAlign.Api.Problems;

/// <summary>
/// Limits on the request line and headers, answered as problem details. Kestrel answers its own limits with an
/// empty body before any middleware runs, so its limits sit well above ours: every request that breaks our limit
/// but not Kestrel's (the realistic ones — a long cursor, a cookie pile) hears which limit and why.
/// </summary>
internal static class RequestGuards
{
    /// <summary>The longest path and query we read; a cursor is a few dozen characters.</summary>
    public const int MaxTargetLength = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;
    public const int MaxHeaderCount = 100;

    /// <summary>Kestrel's own limits, where it answers with an empty body: far enough above ours.</summary>
    public static void ConfigureKestrel(KestrelServerLimits limits)
    {
        limits.MaxRequestBodySize = HostSetup.MaxRequestBodyBytes;
        limits.MaxRequestLineSize = 8 * MaxTargetLength;
        limits.MaxRequestHeadersTotalSize = 4 * MaxHeaderBytes;
        limits.MaxRequestHeaderCount = 2 * MaxHeaderCount;
    }

    /// <summary>First in the pipeline after the exception handler: nothing reads a request that is too big.</summary>
    public static void UseRequestLimits(this WebApplication app) => app.Use(async (http, next) =>
    {
        var problem = Check(http);
        if (problem is null)
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = problem.Status!.Value;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    });

    /// <summary>
    /// After authentication and tenant access, before binding: every JSON body is read once and refused, with the
    /// pointer of each offence, if it repeats a property or carries control characters — whatever type binds it.
    /// </summary>
    public static void UseStrictJsonBodies(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (!IsJson(http.Request))
        {
            await next(http);
            return;
        }
        var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var problems = StrictJson.FindProblems(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (problems.Count == 0)
        {
            buffer.Position = 0;
            http.Request.Body = buffer;
            http.Response.RegisterForDispose(buffer);
            await next(http);
            return;
        }
        await buffer.DisposeAsync();
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = Refusal(problems) });
    });

    private static ProblemDetails? Check(HttpContext http)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString).ToString();
        if (target.Length > MaxTargetLength)
            return Problem(414, "uri_too_long", "The request URI is too long.",
                $"The path and query are {target.Length:N0} characters; the limit is {MaxTargetLength:N0}. Send large input in the body.");
        var count = 0;
        long bytes = 0;
        foreach (var (name, values) in http.Request.Headers)
        {
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }
        if (count > MaxHeaderCount || bytes > MaxHeaderBytes)
            return Problem(431, "headers_too_large", "The request headers are too large.",
                $"{count} header value(s), {bytes:N0} bytes; the limits are {MaxHeaderCount} values and {MaxHeaderBytes:N0} bytes.");
        return null;
    }

    private static bool IsJson(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.MediaType.Value is not { } media)
            return false;
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static ValidationProblemDetails Refusal(IReadOnlyList<JsonTextProblem> problems)
    {
        var code = problems[0].Code;
        var problem = new ValidationProblemDetails(problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()))
        {
            Status = 400,
            Title = code == StrictJson.DuplicateProperty ? "A property appears twice." : "The text contains control characters.",
            Type = ApiExceptionHandler.TypeOf(code),
            Detail = $"{problems.Count} problem(s); each is listed under its JSON Pointer in 'errors'.",
        };
        problem.Extensions["code"] = code;
        problem.Extensions["problems"] = problems.Select(p => new { path = p.Path, code = p.Code, message = p.Message }).ToList();
        return problem;
    }

    private static ProblemDetails Problem(int status, string code, string title, string detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = ApiExceptionHandler.TypeOf(code) };
        problem.Extensions["code"] = code;
        return problem;
    }
}
