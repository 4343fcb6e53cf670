using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesAlign.Contracts.Webhooks;
using SalesAlign.Domain.Webhooks;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Webhooks;

/// <summary>
/// Sends due deliveries. Each webhook is drained on its own, in seq order, one send at a time with its own timeout,
/// recording each outcome; the poll loop does not wait for drains in flight, so a slow or dead endpoint holds one
/// slot, never the others.
/// </summary>
public sealed partial class WebhookDeliveryWorker(
    IServiceScopeFactory scopes, IHttpClientFactory httpClients, IOptions<WebhookOptions> options, TimeProvider clock,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private const int BatchPerTenant = 100;
    private readonly WebhookOptions _options = options.Value;
    private readonly ConcurrentDictionary<Guid, byte> _inFlight = new();
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentSends);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Deliver)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StartDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPollFailed(logger, e);
            }
            await Task.Delay(_options.PollInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Starts draining every webhook whose oldest pending delivery is due and that is not already being drained,
    /// and returns the drains, for tests to await.
    /// </summary>
    public async Task<IReadOnlyList<Task>> StartDueAsync(CancellationToken ct)
    {
        var started = new List<Task>();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tenants = await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(ct);
        foreach (var tenant in tenants)
        {
            await using var tenantScope = scopes.CreateAsyncScope();
            tenantScope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.Id, tenant.Slug);
            var tenantDb = tenantScope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow();
            // A webhook's deliveries form a queue in seq order: only its oldest pending delivery may be sent, so a
            // receiver gets events in order even across retries (docs/decisions/0014).
            var due = await tenantDb.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
                .Where(d => !tenantDb.WebhookDeliveries.Any(o => o.WebhookId == d.WebhookId && o.Status == WebhookDeliveryStatus.Pending && o.EventSeq < d.EventSeq))
                .Where(d => tenantDb.Webhooks.Any(w => w.Id == d.WebhookId && w.Active))
                .Select(d => d.WebhookId).Distinct().Take(BatchPerTenant).ToListAsync(ct);
            foreach (var webhookId in due)
            {
                if (!_inFlight.TryAdd(webhookId, 0))
                    continue;
                await _slots.WaitAsync(ct);
                started.Add(Task.Run(() => DrainAsync(tenant.Id, tenant.Slug, webhookId, ct), ct));
            }
        }
        return started;
    }

    /// <summary>Sends one webhook's due deliveries oldest first, one at a time, until its queue is empty, not due, or an attempt fails.</summary>
    private async Task DrainAsync(Guid tenantId, string slug, Guid webhookId, CancellationToken ct)
    {
        Guid? deliveryId = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId, slug);
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var webhook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == webhookId && w.Active, ct);
                var delivery = webhook is null ? null
                    : await db.WebhookDeliveries.Where(d => d.WebhookId == webhookId && d.Status == WebhookDeliveryStatus.Pending)
                        .OrderBy(d => d.EventSeq).FirstOrDefaultAsync(ct);
                if (webhook is null || delivery is null || delivery.NextAttemptAt > clock.GetUtcNow())
                    return;
                deliveryId = delivery.Id;
                var delivered = await AttemptAsync(delivery, webhook, slug, ct);
                await db.SaveChangesAsync(ct);
                if (!delivered)
                    return;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogSendFailed(logger, deliveryId ?? webhookId, e);
        }
        finally
        {
            _inFlight.TryRemove(webhookId, out _);
            _slots.Release();
        }
    }

    /// <returns>Whether the receiver accepted the delivery.</returns>
    private async Task<bool> AttemptAsync(WebhookDelivery delivery, Webhook webhook, string slug, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        delivery.Attempts++;
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        var id = $"{slug}:{delivery.EventSeq.ToString(CultureInfo.InvariantCulture)}";
        var timestamp = now.ToUnixTimeSeconds();
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, id);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Sign(id, timestamp, delivery.Payload, webhook.SigningSecrets(now)));

        var client = httpClients.CreateClient(_options.AllowPrivateNetworks ? SafeConnect.UnguardedClient : SafeConnect.GuardedClient);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        string? error;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            delivery.LastStatusCode = (int)response.StatusCode;
            delivery.ResponseExcerpt = await ExcerptAsync(response, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                delivery.Status = WebhookDeliveryStatus.Succeeded;
                delivery.DeliveredAt = clock.GetUtcNow();
                delivery.LastError = null;
                return true;
            }
            error = $"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"No answer within {_options.Timeout.TotalSeconds:0} s.";
        }
        catch (Exception e) when (e is HttpRequestException or System.Net.Sockets.SocketException || Refusal(e) is not null)
        {
            error = Refusal(e)?.Message ?? $"Connection failed: {e.Message}";
        }
        delivery.LastError = error.Length > WebhookDelivery.MaxErrorLength ? error[..WebhookDelivery.MaxErrorLength] : error;
        if (WebhookRetrySchedule.NextAttempt(delivery.Attempts, clock.GetUtcNow(), Random.Shared.NextDouble()) is { } next)
            delivery.NextAttemptAt = next;
        else
            delivery.Status = WebhookDeliveryStatus.Failed;
        return false;
    }

    private static WebhookDestinationRefusedException? Refusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is WebhookDestinationRefusedException refused)
                return refused;
        }
        return null;
    }

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        // Read at most what is kept: a receiver may answer with megabytes.
        var buffer = new byte[WebhookDelivery.MaxResponseExcerptLength];
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0)
            read += n;
        if (read == 0)
            return null;
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return text.Length > WebhookDelivery.MaxResponseExcerptLength ? text[..WebhookDelivery.MaxResponseExcerptLength] : text;
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling for due webhook deliveries failed.")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending webhook delivery {DeliveryId} failed unexpectedly.")]
    private static partial void LogSendFailed(ILogger logger, Guid deliveryId, Exception exception);
}
