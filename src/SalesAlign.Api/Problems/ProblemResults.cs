using Microsoft.AspNetCore.Mvc;

namespace SalesAlign.Api.Problems;

/// <summary>Problem results for filters that answer before a handler runs; same shape as the exception handler's.</summary>
internal static class ProblemResults
{
    public static IResult NotFound(string code, string detail) => Problem(StatusCodes.Status404NotFound, code, "Not found.", detail);

    public static IResult Forbidden(string code, string detail) => Problem(StatusCodes.Status403Forbidden, code, "Not allowed.", detail);

    public static IResult Problem(int status, string code, string title, string detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = ApiExceptionHandler.TypeOf(code) };
        problem.Extensions["code"] = code;
        return TypedResults.Problem(problem);
    }
}
