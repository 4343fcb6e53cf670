using System.Threading.RateLimiting;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Validation.AspNetCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Infrastructure.Identity;
using SalesAlign.Infrastructure.Persistence;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SalesAlign.Api.Identity;

/// <summary>
/// Sign-in for people (cookie for the web UI, OAuth 2.0 / OpenID Connect tokens for everything else) and
/// for integration clients (client credentials), with tokens validated locally.
/// </summary>
internal static class IdentitySetup
{
    /// <summary>Picks the bearer token when one is sent, else the web UI's cookie.</summary>
    public const string SmartScheme = "salesalign";

    public const string TokenRateLimit = "token";

    public static void AddSalesAlignIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                // No lockout on failed passwords: nothing passes lockoutOnFailure, because a stranger's guesses would
                // lock the owner out everywhere. PasswordSignIn throttles per account and address instead; a lockout
                // end date set on purpose (disabling an account) still refuses sign-in.
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Bearer token or cookie", o => o.ForwardDefaultSelector = context =>
                UsesToken(context.Request)
                    ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
                    : IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.Cookie.Name = "salesalign";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            // An API caller without a session gets a status code, never an HTML login page.
            o.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization();

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<AppDbContext>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris("connect/token")
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetEndSessionEndpointUris("connect/endsession");
                o.AllowPasswordFlow()
                    .AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, IdentityClients.ApiScope);
                o.SetAccessTokenLifetime(TimeSpan.FromHours(1));
                AddCertificates(o, builder.Configuration);
                // Signed, not encrypted, access tokens: decrypting RSA-OAEP on every request cost more than
                // the rest of a read; tokens carry no secrets (ids, email, name) and travel over TLS.
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per client address and account, so guessing one user's password is slow without locking out others.
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(TokenRateLimit, context =>
            {
                var request = context.GetOpenIddictServerRequest();
                var login = request?.Username is { } username ? username.Trim().ToUpperInvariant() : request?.ClientId;
                var key = $"{context.Connection.RemoteIpAddress}|{login}";
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = builder.Configuration.GetValue("Identity:TokenRequestsPerMinute", 20),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });

        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddAntiforgery();
    }

    /// <summary>
    /// Production loads its signing and encryption certificates from PFX files
    /// (<c>Identity:Certificates:Signing</c>/<c>Encryption</c> with <c>…Password</c>), shared by every instance so
    /// a token issued by one validates on all. Without them, development certificates from the user's store
    /// serve the same purpose on one machine (every instance there, and a restarted one, agree).
    /// </summary>
    private static void AddCertificates(OpenIddictServerBuilder o, ConfigurationManager configuration)
    {
        var signing = configuration["Identity:Certificates:Signing"];
        var encryption = configuration["Identity:Certificates:Encryption"];
        if (string.IsNullOrEmpty(signing) || string.IsNullOrEmpty(encryption))
        {
            o.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
            return;
        }
        o.AddSigningCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(signing, configuration["Identity:Certificates:SigningPassword"]));
        o.AddEncryptionCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(encryption, configuration["Identity:Certificates:EncryptionPassword"]));
    }

    /// <summary>
    /// Browsers cannot set headers on WebSocket (or server-sent events) requests, so SignalR clients send the
    /// access token as <c>access_token</c> on the query string. OpenIddict validation reads it from there; we
    /// route to it only under <c>/hubs</c>, so tokens in URLs (which end up in logs) work nowhere else.
    /// </summary>
    /// <summary>Whether a request is authenticated by a bearer token (header, or the hub's query string), not by the cookie.</summary>
    internal static bool UsesToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || IsHubTokenRequest(request);

    internal static bool IsHubTokenRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs") && !string.IsNullOrEmpty(request.Query["access_token"]);

    private static Task Deny(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static void UseSalesAlignIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseCookieWriteGuard();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
    }
}
