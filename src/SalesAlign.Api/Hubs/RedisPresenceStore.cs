using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace SalesAlign.Api.Hubs;

/// <summary>
/// Presence shared by every instance through Redis (used when <c>Redis:ConnectionString</c> is set), so a
/// <c>presenceChanged</c> lists everyone on the proposal whichever instance they are connected to. One hash per
/// proposal, one field per connection (<c>{instance}/{connection}</c>). An instance that dies cannot remove its
/// connections' fields, so each instance keeps a heartbeat key alive (TTL 30 s, refreshed every 10 s) and a
/// read drops the fields of instances whose heartbeat has expired.
/// </summary>
internal sealed class RedisPresenceStore : BackgroundService, IPresenceStore
{
    private static readonly TimeSpan HeartbeatTtl = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(10);
    // A proposal nobody has touched for a day has nobody on it: its hash goes away even if every instance crashed.
    private static readonly TimeSpan ProposalTtl = TimeSpan.FromDays(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lazy<Task<ConnectionMultiplexer>> _redis;
    private readonly string _prefix;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly ILogger<RedisPresenceStore> _logger;

    public RedisPresenceStore(string connectionString, string prefix, ILogger<RedisPresenceStore> logger)
    {
        _redis = new(() => ConnectionMultiplexer.ConnectAsync(connectionString));
        _prefix = prefix;
        _logger = logger;
    }

    public async Task<IReadOnlyList<PresenceEntry>> SetAsync(Guid proposalId, string connectionId, PresenceEntry entry)
    {
        var db = await DatabaseAsync();
        await HeartbeatAsync(db);
        var key = ProposalKey(proposalId);
        await db.HashSetAsync(key, Field(connectionId), JsonSerializer.Serialize(entry, Json));
        await db.KeyExpireAsync(key, ProposalTtl);
        return await CurrentAsync(db, key);
    }

    public async Task<IReadOnlyList<PresenceEntry>> RemoveAsync(Guid proposalId, string connectionId)
    {
        var db = await DatabaseAsync();
        var key = ProposalKey(proposalId);
        await db.HashDeleteAsync(key, Field(connectionId));
        return await CurrentAsync(db, key);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await HeartbeatAsync(await DatabaseAsync());
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                _logger.LogWarning(e, "Presence heartbeat to Redis failed; other instances may drop this instance's presence until it recovers.");
            }
            await Task.Delay(HeartbeatEvery, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override void Dispose()
    {
        if (_redis.IsValueCreated && _redis.Value.IsCompletedSuccessfully)
            _redis.Value.Result.Dispose();
        base.Dispose();
    }

    private async Task<IReadOnlyList<PresenceEntry>> CurrentAsync(IDatabase db, RedisKey key)
    {
        var fields = await db.HashGetAllAsync(key);
        var byInstance = fields.GroupBy(f => Instance(f.Name!), StringComparer.Ordinal).ToList();
        var entries = new List<PresenceEntry>();
        foreach (var instance in byInstance)
        {
            if (instance.Key != _instance && !await db.KeyExistsAsync(HeartbeatKey(instance.Key)))
            {
                await db.HashDeleteAsync(key, [.. instance.Select(f => f.Name)]);
                continue;
            }
            entries.AddRange(instance.Select(f => JsonSerializer.Deserialize<PresenceEntry>(f.Value.ToString(), Json)!));
        }
        return PresenceTracker.PerUser(entries);
    }

    private Task<bool> HeartbeatAsync(IDatabase db) =>
        db.StringSetAsync(HeartbeatKey(_instance), DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), HeartbeatTtl);

    private async Task<IDatabase> DatabaseAsync() => (await _redis.Value).GetDatabase();

    private RedisKey ProposalKey(Guid proposalId) => $"{_prefix}:presence:{proposalId:N}";

    private RedisKey HeartbeatKey(string instance) => $"{_prefix}:presence-instance:{instance}";

    private RedisValue Field(string connectionId) => $"{_instance}/{connectionId}";

    private static string Instance(string field) => field[..field.IndexOf('/', StringComparison.Ordinal)];
}
