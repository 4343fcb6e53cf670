using System.Net;

namespace SalesAlign.Client;

/// <summary>
/// A call to the SalesAlign API failed. <see cref="Code"/> is the stable problem <c>code</c> of the RFC 9457
/// answer (e.g. <c>revision_stale</c>, <c>proposal.self_review</c>), or the OAuth <c>error</c> of a failed sign-in.
/// </summary>
public sealed class SalesAlignApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SalesAlignApiException(HttpStatusCode status, string? code, string? detail, string? body)
        : base($"SalesAlign API answered {(int)status} {code ?? "(no code)"}{(detail is null ? "" : ": " + detail)}")
    {
        Status = status;
        Code = code;
        Detail = detail;
        Body = body;
    }

    /// <summary>Creates the exception with a message only (status 0).</summary>
    public SalesAlignApiException() : this(0, null, null, null)
    {
    }

    /// <summary>Creates the exception with a message only (status 0).</summary>
    public SalesAlignApiException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception (status 0).</summary>
    public SalesAlignApiException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem's <c>code</c> (or OAuth <c>error</c>); null when the answer had none.</summary>
    public string? Code { get; }

    /// <summary>The problem's <c>detail</c> (or OAuth <c>error_description</c>), when present.</summary>
    public string? Detail { get; }

    /// <summary>The raw body of the answer.</summary>
    public string? Body { get; }
}
