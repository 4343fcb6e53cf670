using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesAlign.Application.Features.Leads;
using SalesAlign.Domain.Leads;
using SalesAlign.Infrastructure.Persistence;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Leads;

public sealed class LeadImportWorkerOptions
{
    public const string Section = "Leads:ImportJobs";

    /// <summary>Runs the import worker in this process (<c>Leads:ImportJobs:Enabled</c>). Run it on one instance, which must see the spool directory.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Works through queued and running CSV import jobs (decision 0037), tenant by tenant, each job in a scope that has
/// entered its tenant and writes as the system actor <see cref="LeadImportRunner.SystemActor"/>. All state is in the
/// job record and the spooled file, so after a restart a running job resumes after its last committed line.
/// </summary>
public sealed class LeadImportWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<LeadImportWorkerOptions> options, ILogger<LeadImportWorker> logger)
    : BackgroundService
{
    private readonly LeadImportWorkerOptions _options = options.Value;

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
                logger.LogWarning(ex, "Running lead import jobs failed; retrying.");
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

    /// <summary>Runs every tenant's open import jobs to the end. Returns the number of jobs run.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        List<(Guid Id, string Slug)> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            tenants = [.. (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(ct)).Select(t => (t.Id, t.Slug))];
        }
        var run = 0;
        foreach (var (tenantId, slug) in tenants)
        {
            List<Guid> jobs;
            await using (var scope = TenantScope(tenantId, slug))
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                jobs = await db.LeadImportJobs.AsNoTracking()
                    .Where(j => j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Running)
                    .OrderBy(j => j.Id) // version 7: creation order
                    .Select(j => j.Id)
                    .ToListAsync(ct);
            }
            foreach (var jobId in jobs)
            {
                try
                {
                    await using var scope = TenantScope(tenantId, slug);
                    await scope.ServiceProvider.GetRequiredService<LeadImportRunner>().RunAsync(jobId, ct);
                    run++;
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Lead import job {Job} of tenant {Tenant} failed; it resumes after its last committed line.", jobId, slug);
                    await RecordFailedAttemptAsync(tenantId, slug, jobId, ex, ct);
                }
            }
        }
        return run;
    }

    private async Task RecordFailedAttemptAsync(Guid tenantId, string slug, Guid jobId, Exception failure, CancellationToken ct)
    {
        try
        {
            await using var scope = TenantScope(tenantId, slug);
            await scope.ServiceProvider.GetRequiredService<LeadImportRunner>().RecordFailedAttemptAsync(jobId, failure.Message, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not record the failed attempt of lead import job {Job}.", jobId);
        }
    }

    private AsyncServiceScope TenantScope(Guid tenantId, string slug)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId, slug);
        return scope;
    }
}
