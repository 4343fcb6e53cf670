using System.Net;
using System.Net.Sockets;
using SalesAlign.Domain.Webhooks;

namespace SalesAlign.Infrastructure.Webhooks;

/// <summary>
/// The SSRF guard: resolves the host itself and connects only to a public address, at connect time, so a host
/// name that resolves (or is rebound) to a private address is refused, whatever was checked at registration.
/// </summary>
internal static class SafeConnect
{
    public const string GuardedClient = "webhooks";
    public const string UnguardedClient = "webhooks.private-networks-allowed";

    public static SocketsHttpHandler Handler(bool guarded)
    {
        var handler = new SocketsHttpHandler
        {
            // A redirect would be a second, unchecked destination; receivers must answer where they registered.
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        if (guarded)
            handler.ConnectCallback = ConnectToPublicAddressAsync;
        return handler;
    }

    private static async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(NetworkAddresses.IsPublic).ToArray();
        if (allowed.Length == 0)
            throw new WebhookDestinationRefusedException(
                $"Refused to connect to {host}: it resolves only to non-public addresses ({string.Join(", ", addresses.Select(a => a.ToString()))}).");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

public sealed class WebhookDestinationRefusedException(string message) : Exception(message);
