using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Analytics;
using SalesAlign.Contracts.Live;

namespace SalesAlign.Application.Features.Analytics;

/// <summary>
/// Impact previews of large tenants, computed in the background on this instance (decision 0022): one computation
/// per (proposal, revision, lead-data version) however many ask; <c>impactProgress</c> signals (ephemeral: hub only,
/// no outbox row, no webhook — decision 0045) go out when it starts, about twice a second while it runs, and when it
/// ends; the result lands in the cache the query reads. A restart forgets a running computation — the next request
/// starts it again.
/// </summary>
internal sealed class ImpactJobs(IServiceScopeFactory scopes, AnalyticsCache cache, TimeProvider clock)
{
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
        var signals = scope.ServiceProvider.GetRequiredService<ILiveSignals>();
        try
        {
            await SignalAsync(signals, target, job, actorId);
            var prepared = await ImpactComputation.PrepareAsync(db, cache, target, clock.GetUtcNow(), CancellationToken.None);
            var analysis = Task.Run(() => ImpactComputation.Analyze(prepared, job.Report, CancellationToken.None));
            var reported = job.Processed;
            while (await Task.WhenAny(analysis, Task.Delay(ProgressInterval, clock)) != analysis)
            {
                if (job.Processed != reported)
                {
                    reported = job.Processed;
                    await SignalAsync(signals, target, job, actorId);
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
        // The result is in the cache (or the failure is on the job): a lost final signal costs a poll, not an answer.
        await SignalAsync(signals, target, job, actorId);
    }

    private static Task SignalAsync(ILiveSignals signals, ImpactTarget target, Job job, string actorId) =>
        signals.SendAsync(new ImpactProgressData(target.Key.ProposalId, target.Key.Revision, job.Status, job.Processed, job.Total),
            actorId, target.Key.ProposalId.ToString(), target.Key.Revision, CancellationToken.None);
}

/// <summary>The states of an impact preview.</summary>
internal static class ImpactStatus
{
    public const string Ready = "ready";
    public const string Computing = "computing";
    public const string Failed = "failed";
}
