using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Analytics;
using SalesAlign.Contracts.Live;
using SalesAlign.Domain.Live;

namespace SalesAlign.Application.Features.Analytics;

/// <summary>
/// Impact previews of large tenants, computed in the background on this instance (decision 0022): one computation
/// per (proposal, revision, lead-data version) however many ask; <c>impactProgress</c> events go through the
/// outbox when it starts, about twice a second while it runs, and when it ends; the result lands in the cache the
/// query reads. A restart forgets a running computation — the next request starts it again.
/// </summary>
internal sealed class ImpactJobs(IServiceScopeFactory scopes, AnalyticsCache cache, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);
    private readonly ConcurrentDictionary<ImpactKey, Lazy<Job>> _jobs = new();

    internal sealed class Job(int total)
    {
        private int _processed;

        public int Total { get; } = total;

        public int Processed => Volatile.Read(ref _processed);

        public volatile string Status = ImpactStatus.Computing;

        public string? Error { get; set; }

        public void Report(int processed)
        {
            int current;
            while ((current = Volatile.Read(ref _processed)) < processed && Interlocked.CompareExchange(ref _processed, processed, current) != current)
            {
            }
        }

        public ProposalImpactDto ToDto() => new(Status, Processed, Total, null, Error);
    }

    /// <summary>The running (or failed) computation for the key, starting it if there is none.</summary>
    public Job Start(ImpactTarget target, int total, string tenantSlug, string actorId) =>
        _jobs.GetOrAdd(target.Key, key => new Lazy<Job>(() =>
        {
            var job = new Job(total);
            _ = Task.Run(() => RunAsync(target, job, tenantSlug, actorId));
            return job;
        })).Value;

    /// <summary>Forgets a failed computation once its failure has been reported, so the next request retries.</summary>
    public void Forget(ImpactKey key) => _jobs.TryRemove(key, out _);

    private async Task RunAsync(ImpactTarget target, Job job, string tenantSlug, string actorId)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Enter(target.Key.TenantId, tenantSlug);
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        try
        {
            await PublishAsync(db, target, job, actorId);
            var prepared = await ImpactComputation.PrepareAsync(db, cache, target, clock.GetUtcNow(), CancellationToken.None);
            var analysis = Task.Run(() => ImpactComputation.Analyze(prepared, job.Report, CancellationToken.None));
            var reported = job.Processed;
            while (await Task.WhenAny(analysis, Task.Delay(ProgressInterval, clock)) != analysis)
            {
                if (job.Processed != reported)
                {
                    reported = job.Processed;
                    await PublishAsync(db, target, job, actorId);
                }
            }
            cache.SetImpact(target.Key, await analysis);
            job.Report(job.Total);
            job.Status = ImpactStatus.Ready;
            _jobs.TryRemove(target.Key, out _);
        }
        catch (Exception ex)
        {
            job.Error = $"The impact preview could not be computed: {ex.Message}";
            job.Status = ImpactStatus.Failed;
        }
        try
        {
            await PublishAsync(db, target, job, actorId);
        }
        catch (Exception)
        {
            // The result is in the cache (or the failure is on the job): a lost final event costs a poll, not an answer.
        }
    }

    private async Task PublishAsync(IAppDbContext db, ImpactTarget target, Job job, string actorId)
    {
        var data = new ImpactProgressEventData(target.Key.ProposalId, target.Key.Revision, job.Status, job.Processed, job.Total);
        db.OutboxEvents.Add(new OutboxEvent
        {
            Id = Guid.CreateVersion7(),
            TenantId = target.Key.TenantId,
            Type = LiveEventTypes.ImpactProgress,
            At = clock.GetUtcNow(),
            ActorId = actorId,
            ObjectId = target.Key.ProposalId.ToString(),
            Revision = target.Key.Revision,
            DataJson = JsonSerializer.Serialize(data, Json),
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }
}

/// <summary>The states of an impact preview.</summary>
internal static class ImpactStatus
{
    public const string Ready = "ready";
    public const string Computing = "computing";
    public const string Failed = "failed";
}
