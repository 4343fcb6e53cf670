using System.Globalization;
using SalesAlign.Api.Problems;

namespace SalesAlign.Api.Endpoints;

/// <summary>
/// Revisions travel as ETags (<c>"7"</c>). A write to an existing object sends the revision it was based on
/// as <c>If-Match</c>; a stale one is refused with 412 by the handler.
/// </summary>
internal static class Preconditions
{
    /// <summary>The revision in If-Match; null when absent. A malformed header is answered with 400.</summary>
    public static int? IfMatch(HttpRequest request)
    {
        var raw = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(raw))
            return null;
        var value = raw.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
            value = value[2..];
        value = value.Trim('"');
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) && revision > 0
            ? revision
            : throw new BadHttpRequestException($"If-Match must be a revision ETag such as \"3\"; got {raw}.");
    }

    /// <summary>The revision in If-Match, required for edits that replace content (428 when missing).</summary>
    public static int RequiredIfMatch(HttpRequest request) =>
        IfMatch(request) ?? throw new PreconditionRequiredException();

    /// <summary>Whether If-None-Match names this revision (or is <c>*</c>): the client's copy is current.</summary>
    public static bool IfNoneMatch(HttpRequest request, int revision)
    {
        var tag = $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"";
        foreach (var value in request.Headers.IfNoneMatch)
        {
            foreach (var candidate in (value ?? "").Split(',', StringSplitOptions.TrimEntries))
            {
                if (candidate == "*" || candidate == tag || candidate == "W/" + tag)
                    return true;
            }
        }
        return false;
    }

    public static void SetETag(HttpResponse response, int revision) =>
        response.Headers.ETag = $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"";
}

/// <summary>An edit was sent without If-Match: the client must say which revision it edited (428).</summary>
internal sealed class PreconditionRequiredException()
    : Exception("Send the revision you edited as If-Match (e.g. If-Match: \"3\"), from the ETag of the object you loaded (a proposal, a meeting).");
