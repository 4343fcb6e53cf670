using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;
using SalesAlign.Domain.Webhooks;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Webhooks;

/// <summary>
/// Turns committed events into pending deliveries, one per subscribed active webhook of the event's tenant. No HTTP
/// here: the dispatcher must never wait on a receiver; <see cref="WebhookDeliveryWorker"/> sends.
/// </summary>
public sealed class WebhookEventTarget(IServiceScopeFactory scopes, TimeProvider clock) : ILiveEventTarget
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task DeliverAsync(Guid tenantId, IReadOnlyList<LiveEventDto> events, CancellationToken ct)
    {
        if (events.Count == 0)
            return;
        // A scope of the batch's tenant: the tenant context may be entered once, and filters and RLS follow it.
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId, events[0].Tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var webhooks = await db.Webhooks.AsNoTracking().Where(w => w.Active).ToListAsync(ct);
        if (webhooks.Count == 0)
            return;
        var seqs = events.Select(e => e.Seq).ToList();
        // A batch dispatched again after a crash must not be delivered twice.
        var existing = (await db.WebhookDeliveries.AsNoTracking().Where(d => seqs.Contains(d.EventSeq))
            .Select(d => new { d.WebhookId, d.EventSeq }).ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var e in events.OrderBy(e => e.Seq))
        {
            var payload = JsonSerializer.Serialize(e, Json);
            foreach (var webhook in webhooks.Where(w => w.Wants(e.Type) && !existing.Contains(new { WebhookId = w.Id, EventSeq = e.Seq })))
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    Id = Guid.CreateVersion7(),
                    WebhookId = webhook.Id,
                    EventSeq = e.Seq,
                    EventType = e.Type,
                    Payload = payload,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
