using System.Text.Json;
using Microsoft.Extensions.Logging;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;
using SalesAlign.Domain.Live;

namespace SalesAlign.Application.Common.Auditing;

/// <summary>
/// The outbox side of <see cref="ILiveEvents"/>, the twin of <see cref="AuditLog"/>: a row in the current unit
/// of work, so the event commits with its change or not at all. Seq is left to the save (the database's counter).
/// </summary>
internal sealed class LiveEvents(IAppDbContext db, ITenantContext tenant, TimeProvider clock) : ILiveEvents
{
    public void Publish<TData>(TData data, string actorId, string? objectId, int? revision = null) where TData : IDurableLiveEventData =>
        db.OutboxEvents.Add(new OutboxEvent
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant.TenantId ?? throw new InvalidOperationException("An event needs a current tenant."),
            Type = TData.EventType,
            At = clock.GetUtcNow(),
            ActorId = actorId,
            ObjectId = objectId,
            Revision = revision,
            DataJson = LiveEventJson.Serialize(data),
        });
}

/// <summary>
/// Sends signals to every <see cref="ILiveSignalTarget"/> of this host (none in a host without the hub), as the
/// current tenant. A target that fails loses the signal, never the caller's work.
/// </summary>
internal sealed class LiveSignals(ITenantContext tenant, IEnumerable<ILiveSignalTarget> targets, TimeProvider clock, ILogger<LiveSignals> logger) : ILiveSignals
{
    public async Task SendAsync<TData>(TData data, string actorId, string? objectId, int? revision, CancellationToken ct) where TData : ILiveEventData
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("A signal needs a current tenant.");
        var slug = tenant.Slug ?? throw new InvalidOperationException("A signal needs a current tenant.");
        var json = LiveEventJson.Serialize(data);
        var signal = new LiveEventDto(TData.EventType, slug, 0, clock.GetUtcNow(), actorId, objectId, revision,
            json is null ? null : JsonSerializer.Deserialize<JsonElement>(json));
        foreach (var target in targets)
        {
            try
            {
                await target.SendAsync(tenantId, signal, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Live signal {Type} for tenant {Tenant} was not sent.", signal.Type, slug);
            }
        }
    }
}

/// <summary>The wire form of event data: camelCase; a payload without properties is no data at all.</summary>
public static class LiveEventJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string? Serialize<TData>(TData data) where TData : ILiveEventData
    {
        var json = JsonSerializer.Serialize(data, Json);
        return json == "{}" ? null : json;
    }

    public static JsonElement ToElement<TData>(TData data) where TData : ILiveEventData => JsonSerializer.SerializeToElement(data, Json);
}
