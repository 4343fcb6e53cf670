namespace SalesAlign.Application.Common.Abstractions;

/// <summary>
/// The host caches who may act in which tenant for a few seconds; a membership change tells it to forget,
/// so a removed member loses access at once on this instance (and within the cache lifetime elsewhere).
/// </summary>
public interface ITenantAccessCache
{
    void Forget(Guid tenantId, string userId);
}
