using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesAlign.Infrastructure.Persistence;

namespace SalesAlign.Infrastructure.Tenancy;

/// <summary>
/// A worker that polls every tenant for durable work (jobs whose state lives in their rows), each tenant's work in
/// scopes that have entered that tenant, so the query filters and row-level security hold for workers as for
/// requests. A failed round is logged and retried after the poll interval; the job rows say where to resume.
/// </summary>
public abstract class TenantJobWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan PollInterval { get; }

    /// <summary>What the log says when a whole round failed, e.g. "Re-scoring leads".</summary>
    protected abstract string WorkName { get; }

    /// <summary>Does the tenant's open work (create scopes with <see cref="TenantScope"/>); returns how much was done.</summary>
    protected abstract Task<int> RunTenantAsync(Guid tenantId, string slug, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "{Work} failed; retrying.", WorkName);
            }
            try
            {
                await Task.Delay(PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Runs every tenant's open work to the end. Returns how much was done (the subclass says in what unit).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        List<(Guid Id, string Slug)> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            tenants = [.. (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(ct)).Select(t => (t.Id, t.Slug))];
        }
        var done = 0;
        foreach (var (tenantId, slug) in tenants)
            done += await RunTenantAsync(tenantId, slug, ct);
        return done;
    }

    /// <summary>A scope that has entered the tenant; the caller disposes it.</summary>
    protected AsyncServiceScope TenantScope(Guid tenantId, string slug)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId, slug);
        return scope;
    }
}
