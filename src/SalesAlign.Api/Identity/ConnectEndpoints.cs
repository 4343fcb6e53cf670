using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using SalesAlign.Api.Problems;
using SalesAlign.Infrastructure.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SalesAlign.Api.Identity;

/// <summary>
/// The OAuth 2.0 / OpenID Connect endpoints. OpenIddict validates each request (client, grant, PKCE,
/// redirect URI) before these run; they decide who the token is for.
/// </summary>
internal static class ConnectEndpoints
{
    public static void MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/connect").WithTags("Identity").AllowAnonymous().ExcludeFromDescription();
        group.MapPost("/token", Exchange).RequireRateLimiting(IdentitySetup.TokenRateLimit);
        group.MapMethods("/authorize", ["GET", "POST"], (Delegate)Authorize).DisableAntiforgery();
        group.MapMethods("/endsession", ["GET", "POST"], (Delegate)EndSession).DisableAntiforgery();
    }

    private static async Task<IResult> Exchange(HttpContext context, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IOpenIddictApplicationManager apps, PasswordSignIn passwords)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsPasswordGrantType())
        {
            var outcome = await passwords.CheckAsync(request.Username, request.Password, context.Connection.RemoteIpAddress);
            switch (outcome.Status)
            {
                case PasswordSignInStatus.Throttled:
                    context.Response.Headers.RetryAfter = outcome.RetryAfterSeconds;
                    return ProblemResults.Problem(StatusCodes.Status429TooManyRequests, PasswordSignIn.ThrottledCode, "Too many failed sign-ins.",
                        $"Too many failed sign-ins for this account from this address; try again in {outcome.RetryAfterSeconds} seconds (Retry-After).");
                case PasswordSignInStatus.Wrong:
                    return Refuse(Errors.InvalidGrant, PasswordSignIn.WrongMessage);
                case PasswordSignInStatus.CannotSignIn:
                    return Refuse(Errors.InvalidGrant, "The account can no longer sign in.");
            }
            return SignIn(await UserPrincipalAsync(signIn, outcome.User!, request.GetScopes()));
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = await users.FindByIdAsync(result.Principal?.GetClaim(Claims.Subject) ?? "");
            if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
                return Refuse(Errors.InvalidGrant, "The account can no longer sign in.");
            return SignIn(await UserPrincipalAsync(signIn, user, result.Principal!.GetScopes()));
        }

        if (request.IsClientCredentialsGrantType())
        {
            var tenant = await IdentityClients.TenantOfClientAsync(apps, request.ClientId!, context.RequestAborted);
            if (tenant is null)
                return Refuse(Errors.UnauthorizedClient, "Only a tenant's integration client may use client credentials.");
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId);
            identity.SetClaim(Claims.Name, request.ClientId);
            identity.SetClaim(IdentityClients.TenantClaim, tenant.Value.ToString());
            var principal = new ClaimsPrincipal(identity);
            principal.SetScopes(request.GetScopes());
            principal.SetDestinations(_ => [Destinations.AccessToken]);
            return SignIn(principal);
        }

        return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<IResult> Authorize(HttpContext context, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = session.Succeeded ? await users.GetUserAsync(session.Principal!) : null;
        if (user is null)
        {
            // Not signed in: go to the login page and come back to this very request.
            var parameters = context.Request.HasFormContentType ? context.Request.Form.ToList() : context.Request.Query.ToList();
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }
        // First-party clients only (consent type implicit): no consent screen.
        return SignIn(await UserPrincipalAsync(signIn, user, request.GetScopes()));
    }

    private static async Task<IResult> EndSession(HttpContext context)
    {
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<ClaimsPrincipal> UserPrincipalAsync(SignInManager<ApplicationUser> signIn, ApplicationUser user, IEnumerable<string> scopes)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.SetClaim(Claims.Subject, user.Id);
        identity.SetClaim(Claims.Email, user.Email);
        identity.SetClaim(Claims.Name, user.DisplayName);
        principal.SetScopes(scopes);
        principal.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Name or Claims.Email => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [],
        });
        return principal;
    }

    private static IResult SignIn(ClaimsPrincipal principal) =>
        Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
