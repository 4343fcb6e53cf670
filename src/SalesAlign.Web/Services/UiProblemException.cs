namespace SalesAlign.Web.Services;

/// <summary>One problem of a refused request, at its JSON Pointer (e.g. <c>/document/icp/criteria/2/points</c>).</summary>
public sealed record FieldProblem(string Path, string Code, string Message);

/// <summary>
/// A refused command or query, with the same status, stable code and JSON Pointers the HTTP API answers with
/// (the host maps exceptions through the API's own exception mapping), so the UI explains what the API would.
/// </summary>
public sealed class UiProblemException : Exception
{
    public UiProblemException(int status, string code, string title, string? detail, IReadOnlyList<FieldProblem>? problems = null, Exception? inner = null)
        : base(detail ?? title, inner)
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        Problems = problems ?? [];
    }

    public UiProblemException()
        : this(500, "internal_error", "An unexpected error occurred.", null)
    {
    }

    public UiProblemException(string message)
        : this(500, "internal_error", message, null)
    {
    }

    public UiProblemException(string message, Exception innerException)
        : this(500, "internal_error", message, null, null, innerException)
    {
    }

    public int Status { get; }

    public string Code { get; }

    public string Title { get; }

    public string? Detail { get; }

    public IReadOnlyList<FieldProblem> Problems { get; }

    public bool IsStale => Status == 412;

    public bool IsForbidden => Status == 403;
}
