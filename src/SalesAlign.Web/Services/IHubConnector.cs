using System.Security.Claims;
using SalesAlign.Client;

namespace SalesAlign.Web.Services;

/// <summary>
/// Opens the circuit's connection to the live hub (<c>/hubs/alignment</c>) — the same hub and events as every
/// other client — authenticated as <paramref name="user"/>. The host decides how (decision 0026).
/// </summary>
public interface IHubConnector
{
    /// <summary>A live client for the user, not yet connected; null when live updates are unavailable on this host.</summary>
    SalesAlignLiveClient? Create(ClaimsPrincipal user);
}
