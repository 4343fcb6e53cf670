using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SalesAlign.Client;
using SalesAlign.Web.Services;

namespace SalesAlign.Api.WebUi;

/// <summary>
/// The circuit's hub connection goes to this very server over loopback, like any other client, authenticated with a
/// short-lived Identity cookie ticket minted here for the circuit's principal (decision 0026): the hub and the events
/// route accept the Identity cookie already (the policy scheme falls back to it when no bearer token is sent). The
/// ticket never leaves the server; the browser's own cookie is never copied.
/// </summary>
internal sealed class LoopbackHubConnector(
    IServer server,
    IOptionsMonitor<CookieAuthenticationOptions> cookieOptions,
    IConfiguration configuration,
    TimeProvider time) : IHubConnector, IDisposable
{
    // One connection pool for every circuit's catch-up calls; each circuit only adds its cookie on top.
    private readonly SocketsHttpHandler _sockets = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    /// <summary>Long enough for a working session; a reconnect after expiry fails and the page keeps working without live updates.</summary>
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromHours(8);

    public SalesAlignLiveClient? Create(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || BaseAddress() is not { } address)
            return null;
        var options = cookieOptions.Get(IdentityConstants.ApplicationScheme);
        var now = time.GetUtcNow();
        var ticket = new AuthenticationTicket(user, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + TicketLifetime }, IdentityConstants.ApplicationScheme);
        var cookie = $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}";

        var http = new HttpClient(new CookieHandler(cookie) { InnerHandler = _sockets }, disposeHandler: false) { BaseAddress = address };
        var api = new SalesAlignClient(http);
        return new SalesAlignLiveClient(api, o => o.Headers["Cookie"] = cookie);
    }

    /// <summary>
    /// <c>WebUi:HubBaseUrl</c> when set (e.g. behind a proxy that rewrites), else the first address Kestrel listens on,
    /// with a wildcard host replaced by loopback. Null under a server without addresses (the in-memory test server).
    /// </summary>
    private Uri? BaseAddress()
    {
        if (configuration["WebUi:HubBaseUrl"] is { Length: > 0 } configured)
            return new Uri(configured.TrimEnd('/') + "/");
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (chosen is null)
            return null;
        var uri = new UriBuilder(chosen.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
            uri.Host = "127.0.0.1";
        uri.Path = "/";
        return uri.Uri;
    }

    public void Dispose() => _sockets.Dispose();

    private sealed class CookieHandler(string cookie) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove("Cookie");
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
