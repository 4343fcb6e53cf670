using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SalesAlign.Api.Problems;

namespace SalesAlign.Api.Identity;

/// <summary>
/// The web UI's cookie authorises reads of the API (a signed-in browser may open <c>/api/v1/me</c>) but never a
/// change: a browser attaches the cookie to requests any other site makes it send (a form, a <c>text/plain</c>
/// fetch), so a state-changing <c>/api</c> request authenticated only by the cookie is refused with 401
/// <c>cookie_not_accepted</c>. Callers that change things send a bearer token, which no other site can make a
/// browser attach. The web UI itself never calls <c>/api</c>: its circuit talks to the application directly.
/// </summary>
internal static class CookieWriteGuard
{
    public const string Code = "cookie_not_accepted";

    public static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    public static void UseCookieWriteGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api") && !IsSafe(context.Request.Method)
            && context.User.Identity?.IsAuthenticated == true && !IdentitySetup.UsesToken(context.Request))
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await ProblemResults.Problem(StatusCodes.Status401Unauthorized, Code, "The cookie does not authorise changes.",
                        "Requests that change something must carry a bearer token (Authorization: Bearer …); the web UI's cookie is accepted only for reads.")
                    .ExecuteAsync(context);
                return;
            }
            // Open routes work for anyone, but not as the cookie's user.
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next(context);
    });
}
