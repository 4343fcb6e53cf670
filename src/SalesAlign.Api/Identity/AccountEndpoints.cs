using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using SalesAlign.Infrastructure.Identity;

namespace SalesAlign.Api.Identity;

/// <summary>
/// Cookie sign-in for people in a browser. A plain page without script (it is the door to the web UI and to
/// the authorization-code flow, and must work when nothing else does), styled inline.
/// </summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").WithTags("Identity").AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/login", (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            LoginPage(context, antiforgery, returnUrl, error: null));
        group.MapPost("/login", Login).DisableAntiforgery();
        group.MapPost("/logout", async (SignInManager<ApplicationUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.Redirect("/");
        });
    }

    private static async Task<IResult> Login(HttpContext context, IAntiforgery antiforgery, SignInManager<ApplicationUser> signIn, PasswordSignIn passwords)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
            return Results.BadRequest();
        var form = await context.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        var outcome = await passwords.CheckAsync(form["email"].ToString(), form["password"].ToString(), context.Connection.RemoteIpAddress);
        switch (outcome.Status)
        {
            case PasswordSignInStatus.Throttled:
                context.Response.Headers.RetryAfter = outcome.RetryAfterSeconds;
                return LoginPage(context, antiforgery, returnUrl, $"Too many failed sign-ins; try again in {outcome.RetryAfterSeconds} seconds.", StatusCodes.Status429TooManyRequests);
            case PasswordSignInStatus.Wrong:
                return LoginPage(context, antiforgery, returnUrl, PasswordSignIn.WrongMessage);
            case PasswordSignInStatus.CannotSignIn:
                return LoginPage(context, antiforgery, returnUrl, "This account can no longer sign in.");
        }
        await signIn.SignInAsync(outcome.User!, isPersistent: true);
        // Only local return URLs: never an open redirect.
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static IResult LoginPage(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error, int errorStatus = StatusCodes.Status400BadRequest)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var e = (string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · SalesAlign</title>
            <style>
            *{box-sizing:border-box}body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
            font-family:Roboto,system-ui,-apple-system,"Segoe UI",sans-serif;background:linear-gradient(160deg,#12344d 0%,#1f5f8b 55%,#e8eef3 55%)}
            main{width:100%;max-width:24rem;margin:1rem;background:#fff;border-radius:12px;box-shadow:0 10px 30px rgba(0,0,0,.18);padding:2rem}
            .brand{font-size:1.5rem;font-weight:600;color:#12344d;margin:0}.tagline{color:#555;margin:.25rem 0 1.5rem}
            h1{font-size:1.15rem;font-weight:500;margin:0 0 1rem}label{display:block;margin-top:1rem;font-size:.9rem;color:#333}
            input{width:100%;padding:.65rem .75rem;margin-top:.3rem;font-size:1rem;border:1px solid #b8c2cc;border-radius:6px}
            input:focus{outline:2px solid #1f5f8b;outline-offset:1px;border-color:#1f5f8b}
            button{width:100%;margin-top:1.5rem;padding:.75rem;font-size:1rem;font-weight:500;color:#fff;background:#1f5f8b;border:0;border-radius:6px;cursor:pointer}
            button:hover,button:focus{background:#12344d}.error{color:#b00020;background:#fdecea;padding:.6rem .75rem;border-radius:6px}
            </style></head>
            <body><main>
            <p class="brand">SalesAlign</p><p class="tagline">Where marketing and sales agree on what a good lead is.</p>
            <h1>Sign in</h1>
            {{(error is null ? "" : $"<p class=\"error\" role=\"alert\">{e(error)}</p>")}}
            <form method="post" action="/account/login">
            <input type="hidden" name="{{e(tokens.FormFieldName)}}" value="{{e(tokens.RequestToken)}}">
            <input type="hidden" name="returnUrl" value="{{e(returnUrl)}}">
            <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required autofocus>
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button></form></main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: error is null ? 200 : errorStatus);
    }
}
