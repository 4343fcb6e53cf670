using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesAlign.Application.Features.Leads;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Leads;

public sealed class LeadRescoreOptions
{
    public const string Section = "Leads:Rescore";

    /// <summary>Runs the re-scoring worker in this process (<c>Leads:Rescore:Enabled</c>). Run it on one instance.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int ChunkSize { get; set; } = 1000;
}

/// <summary>
/// Works through the re-scoring jobs that publishing writes (decision 0019), tenant by tenant in each tenant's own
/// scope, one chunk per transaction; all state is in the job rows, so a restart resumes where it stopped.
/// </summary>
public sealed class LeadRescoreWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<LeadRescoreOptions> options, ILogger<LeadRescoreWorker> logger)
    : BackgroundService
{
    private readonly LeadRescoreOptions _options = options.Value;

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
                logger.LogWarning(ex, "Re-scoring leads failed; retrying.");
            }
            try
            {
                await Task.Delay(_options.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Runs every tenant's open jobs to the end. Returns the number of chunks processed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        List<(Guid Id, string Slug)> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            tenants = [.. (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(ct)).Select(t => (t.Id, t.Slug))];
        }
        var chunks = 0;
        foreach (var (id, slug) in tenants)
        {
            try
            {
                while (await RunChunkAsync(id, slug, ct))
                    chunks++;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Re-scoring leads of tenant {Tenant} failed; the job resumes after its last committed chunk.", slug);
            }
        }
        return chunks;
    }

    private async Task<bool> RunChunkAsync(Guid tenantId, string slug, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId, slug);
        return await scope.ServiceProvider.GetRequiredService<LeadRescorer>().RunChunkAsync(_options.ChunkSize, ct);
    }
}
