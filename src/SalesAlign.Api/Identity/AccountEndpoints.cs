using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using SalesAlign.Infrastructure.Identity;

namespace SalesAlign.Api.Identity;

/// <summary>
/// Cookie sign-in for people in a browser. A deliberately plain page: it is the door to the web UI and to
/// the authorization-code flow, and must work without any script.
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

    private static async Task<IResult> Login(HttpContext context, IAntiforgery antiforgery, SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
            return Results.BadRequest();
        var form = await context.Request.ReadFormAsync();
        var email = form["email"].ToString();
        var returnUrl = form["returnUrl"].ToString();
        var user = await users.FindByEmailAsync(email);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, form["password"].ToString(), isPersistent: true, lockoutOnFailure: true);
        if (!result.Succeeded)
            return LoginPage(context, antiforgery, returnUrl, result.IsLockedOut ? "Too many attempts; try again in a few minutes." : "The email or password is wrong.");
        // Only local return URLs: never an open redirect.
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static IResult LoginPage(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var e = (string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · SalesAlign</title>
            <style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}label{display:block;margin-top:1rem}
            input{width:100%;padding:.5rem;font-size:1rem}button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}.error{color:#b00020}</style></head>
            <body><h1>Sign in to SalesAlign</h1>
            {{(error is null ? "" : $"<p class=\"error\" role=\"alert\">{e(error)}</p>")}}
            <form method="post" action="/account/login">
            <input type="hidden" name="{{e(tokens.FormFieldName)}}" value="{{e(tokens.RequestToken)}}">
            <input type="hidden" name="returnUrl" value="{{e(returnUrl)}}">
            <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required autofocus>
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button></form></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: error is null ? 200 : 400);
    }
}
