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
/// Sends due deliveries. Each send runs on its own with its own timeout and records its own outcome, and the
/// poll loop does not wait for sends in flight, so a slow or dead endpoint holds one slot, never the others.
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

    /// <summary>Starts a send for every due delivery not already in flight and returns them, for tests to await.</summary>
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
            var due = await tenantDb.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
                .Where(d => tenantDb.Webhooks.Any(w => w.Id == d.WebhookId && w.Active))
                .OrderBy(d => d.EventSeq).Select(d => d.Id).Take(BatchPerTenant).ToListAsync(ct);
            foreach (var id in due)
            {
                if (!_inFlight.TryAdd(id, 0))
                    continue;
                await _slots.WaitAsync(ct);
                started.Add(Task.Run(() => SendAsync(tenant.Id, tenant.Slug, id, ct), ct));
            }
        }
        return started;
    }

    private async Task SendAsync(Guid tenantId, string slug, Guid deliveryId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId, slug);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId, ct);
            var webhook = delivery is null ? null : await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == delivery.WebhookId, ct);
            if (delivery is not { Status: WebhookDeliveryStatus.Pending } || webhook is not { Active: true })
                return;
            await AttemptAsync(delivery, webhook, slug, ct);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogSendFailed(logger, deliveryId, e);
        }
        finally
        {
            _inFlight.TryRemove(deliveryId, out _);
            _slots.Release();
        }
    }

    private async Task AttemptAsync(WebhookDelivery delivery, Webhook webhook, string slug, CancellationToken ct)
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
                return;
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
