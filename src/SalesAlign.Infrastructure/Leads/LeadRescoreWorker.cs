using Microsoft.Extensions.DependencyInjection;
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
    : TenantJobWorker(scopes, clock, logger)
{
    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override string WorkName => "Re-scoring leads";

    /// <summary>Runs the tenant's open re-scoring jobs to the end, one chunk per transaction. Returns the number of chunks.</summary>
    protected override async Task<int> RunTenantAsync(Guid tenantId, string slug, CancellationToken ct)
    {
        var chunks = 0;
        try
        {
            while (await RunChunkAsync(tenantId, slug, ct))
                chunks++;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Re-scoring leads of tenant {Tenant} failed; the job resumes after its last committed chunk.", slug);
        }
        return chunks;
    }

    private async Task<bool> RunChunkAsync(Guid tenantId, string slug, CancellationToken ct)
    {
        await using var scope = TenantScope(tenantId, slug);
        return await scope.ServiceProvider.GetRequiredService<LeadRescorer>().RunChunkAsync(options.Value.ChunkSize, ct);
    }
}
