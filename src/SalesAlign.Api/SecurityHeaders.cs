namespace SalesAlign.Api;

/// <summary>
/// Headers every answer carries: no MIME sniffing, no referrer, no framing, HSTS outside Development, and a
/// Content-Security-Policy that allows each kind of page exactly what it loads (decision 0036).
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// The web UI (Blazor Server + MudBlazor): its own scripts, styles and the circuit's WebSocket. Styles allow
    /// 'unsafe-inline' because MudBlazor sets style attributes on elements (CSS cannot run script); scripts do not.
    /// </summary>
    public const string AppPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The sign-in page: one inline style block and a form posting to itself (its redirects may leave the origin).</summary>
    public const string LoginPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (Scalar): its bundled script and inline configuration, its styles, and requests to this
    /// API from "try it". Scripts need 'unsafe-inline' (Scalar boots from an inline module script) but not
    /// 'unsafe-eval' (its one use is a feature probe with a fallback); its web fonts on fonts.scalar.com are not
    /// allowed (system fonts instead, and the page contacts no third party).
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Everything else is data (JSON, problem details, files), never a page: nothing may run or load.</summary>
    public const string DataPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public const string Hsts = "max-age=31536000";

    public static string PolicyFor(PathString path) =>
        path.StartsWithSegments("/scalar") ? ApiReferencePolicy
        : path.StartsWithSegments("/account") ? LoginPolicy
        : path.StartsWithSegments("/api") || path.StartsWithSegments("/connect") || path.StartsWithSegments("/openapi")
            || path.StartsWithSegments("/health") || path.StartsWithSegments("/hubs") ? DataPolicy
        : AppPolicy;

    /// <summary>First in the pipeline, so error answers carry the headers too (they are set as the answer starts).</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        // Browsers ignore HSTS over plain HTTP, so it is sent whatever the scheme (TLS usually ends at a proxy).
        var hsts = !app.Environment.IsDevelopment();
        app.Use((context, next) =>
        {
            var policy = PolicyFor(context.Request.Path);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = policy;
                if (hsts)
                    headers.StrictTransportSecurity = Hsts;
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
