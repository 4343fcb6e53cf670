using System.Globalization;
using StackExchange.Redis;

namespace SalesAlign.Api.Hubs;

/// <summary>
/// Carries "the access of (tenant, user) changed" to every instance: in-process always, and over Redis pub/sub when
/// <c>Redis:ConnectionString</c> is set, so a connection on another instance is re-checked within moments too
/// (docs/decisions/0034). Each instance then forgets its cached answer and re-checks its own connections.
/// </summary>
internal sealed class AccessChangeChannel(LiveConnections connections, ILogger<AccessChangeChannel> logger, string? redis = null, string prefix = "salesalign")
    : IHostedService, IDisposable
{
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer? _multiplexer;

    private RedisChannel Channel => RedisChannel.Literal($"{prefix}:access-changed");

    public void Publish(Guid tenantId, string userId)
    {
        _ = RecheckAsync(tenantId, userId);
        if (_multiplexer is { } mux)
            _ = PublishRemoteAsync(mux, $"{_instance}|{tenantId:N}|{userId}");
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(redis))
            return;
        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false;
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        await _multiplexer.GetSubscriber().SubscribeAsync(Channel, (channel, message) =>
        {
            var parts = message.ToString().Split('|', 3);
            if (parts.Length == 3 && parts[0] != _instance && Guid.TryParseExact(parts[1], "N", out var tenantId))
                _ = RecheckAsync(tenantId, parts[2]);
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _multiplexer?.Dispose();

    private async Task RecheckAsync(Guid tenantId, string userId)
    {
        try
        {
            await connections.AccessChangedAsync(tenantId, userId);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Re-checking connections of {User} in {Tenant} failed", userId, tenantId.ToString("N", CultureInfo.InvariantCulture));
        }
    }

    private async Task PublishRemoteAsync(ConnectionMultiplexer mux, string message)
    {
        try
        {
            await mux.GetSubscriber().PublishAsync(Channel, message);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Publishing an access change to Redis failed; other instances' caches expire within {Lifetime}", Tenancy.TenantAccessCache.AccessLifetime);
        }
    }
}
