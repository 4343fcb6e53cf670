using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    : TenantJobWorker(scopes, clock, logger)
{
    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override string WorkName => "Running lead import jobs";

    /// <summary>Runs the tenant's open import jobs to the end, oldest first. Returns the number of jobs run.</summary>
    protected override async Task<int> RunTenantAsync(Guid tenantId, string slug, CancellationToken ct)
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
        var run = 0;
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
}
