using System.Net;
using System.Net.Sockets;

namespace SalesAlign.Domain.Webhooks;

/// <summary>
/// Which addresses a webhook may reach: only public unicast ones. Private, loopback, link-local (cloud metadata
/// lives at 169.254.169.254), carrier-grade NAT, "this network", multicast and their IPv6 equivalents are refused.
/// </summary>
public static class NetworkAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            return IsPublic(address.MapToIPv4());
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast))
            return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 // 0.0.0.0/8
                || b[0] == 10 // 10/8
                || b[0] == 127 // 127/8
                || (b[0] == 100 && (b[1] & 0xC0) == 64) // 100.64/10
                || (b[0] == 169 && b[1] == 254) // 169.254/16
                || (b[0] == 172 && (b[1] & 0xF0) == 16) // 172.16/12
                || (b[0] == 192 && b[1] == 168) // 192.168/16
                || b[0] >= 224); // multicast 224/4 and reserved 240/4
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal // fe80::/10
                || address.IsIPv6SiteLocal // fec0::/10
                || address.IsIPv6Multicast // ff00::/8
                || (b[0] & 0xFE) == 0xFC // fc00::/7 unique local
                || address.IsIPv6Teredo
                || b.Take(12).All(x => x == 0)); // ::/96, including ::1 and IPv4-compatible forms
        }
        return false;
    }
}
