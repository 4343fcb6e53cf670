using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Features.Scoring;
using SalesAlign.Contracts.Leads;
using SalesAlign.Contracts.Live;
using SalesAlign.Domain.Leads;

namespace SalesAlign.Application.Features.Leads;

/// <summary>
/// Re-scores a playbook's stored leads under a newly published version, as of now, one chunk per call (decision 0019):
/// walks the leads in id order from the job's <see cref="LeadRescoreJob.LastLeadId"/>, writes current scores (history
/// rows only where the score moved) and records progress on the job, all in one transaction, so a crash resumes after
/// the last committed chunk; after each commit a <c>leadsRescored</c> signal reports progress, and the last chunk's
/// <c>leadsRescored</c> (<c>completed</c>) is an outbox event of that chunk's transaction, so progress never runs ahead.
/// Runs in the tenant's own scope (filter and row-level security apply). Instances working the same job serialise on
/// the job row, chunk by chunk.
/// </summary>
public sealed class LeadRescorer(IAppDbContext db, CompiledPlaybookCache cache, ILiveEvents live, ILiveSignals signals, TimeProvider clock)
{
    public const string SystemActor = "system:rescore";

    /// <summary>Processes one chunk of the tenant's oldest open job. Returns false when there was nothing to do.</summary>
    public async Task<bool> RunChunkAsync(int chunkSize, CancellationToken ct)
    {
        var candidate = await db.LeadRescoreJobs.AsNoTracking()
            .Where(j => j.Status == RescoreJobStatus.Pending || j.Status == RescoreJobStatus.Running)
            .OrderBy(j => j.Version).ThenBy(j => j.Id)
            .Select(j => (Guid?)j.Id)
            .FirstOrDefaultAsync(ct);
        if (candidate is not { } jobId)
            return false;

        // Take the job row's write lock first (a no-op UPDATE), then read it: a second instance working the same job
        // waits here until this chunk commits and then continues after it, instead of scoring the same leads twice.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.LeadRescoreJobs
            .Where(j => j.Id == jobId && (j.Status == RescoreJobStatus.Pending || j.Status == RescoreJobStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Processed, j => j.Processed), ct);
        if (locked == 0)
            return true;
        var job = await db.LeadRescoreJobs.SingleAsync(j => j.Id == jobId, ct);
        var now = clock.GetUtcNow();

        // A newer version of the same playbook supersedes this job: its own job re-scores everything again.
        var current = await db.Playbooks.AsNoTracking().Where(p => p.Id == job.PlaybookId).Select(p => p.CurrentVersionNumber).FirstOrDefaultAsync(ct);
        if (current != job.Version)
        {
            job.Status = RescoreJobStatus.Completed;
            job.CompletedAt = now;
            job.Error = $"Superseded by version {current}.";
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }

        var playbook = await LeadPlaybooks.VersionAsync(db, cache, job.PlaybookId, job.Version, ct);
        if (job.Status == RescoreJobStatus.Pending)
        {
            job.Status = RescoreJobStatus.Running;
            job.Total = await db.Leads.CountAsync(l => l.PlaybookId == job.PlaybookId, ct);
        }

        var query = db.Leads.AsNoTracking().Where(l => l.PlaybookId == job.PlaybookId);
        if (job.LastLeadId is { } last)
            query = query.Where(l => l.Id.CompareTo(last) > 0);
        var leads = await query.OrderBy(l => l.Id).Take(chunkSize)
            .Select(l => new { l.Id, l.FieldsJson, l.EventsJson })
            .ToListAsync(ct);
        var ids = leads.Select(l => l.Id).ToList();
        var scores = await db.LeadScores.Where(s => s.PlaybookId == job.PlaybookId && ids.Contains(s.LeadId)).ToDictionaryAsync(s => s.LeadId, ct);

        var reason = ScoreChangeReasons.VersionPublished(job.Version);
        var changed = 0;
        foreach (var lead in leads)
        {
            var bound = LeadScoring.BindStored(playbook.Compiled, LeadPayload.ToLeadData(lead.FieldsJson, lead.EventsJson));
            scores.TryGetValue(lead.Id, out var score);
            if (LeadScoring.Apply(db, lead.Id, playbook, playbook.Compiled.Evaluate(bound, now), now, score, reason))
                changed++;
        }

        job.Processed += leads.Count;
        job.Changed += changed;
        if (leads.Count > 0)
            job.LastLeadId = leads[^1].Id;
        var completed = leads.Count < chunkSize;
        if (completed)
        {
            job.Status = RescoreJobStatus.Completed;
            job.CompletedAt = now;
            job.Total = Math.Max(job.Total, job.Processed);
        }
        var progress = new LeadsRescoredData(job.Id, job.PlaybookId, job.Version, job.Processed, Math.Max(job.Total, job.Processed), job.Changed, completed);
        if (completed)
            live.Publish(progress, SystemActor, job.PlaybookId.ToString());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        // Progress is ephemeral (decision 0045), the completion durable: only the last chunk is an outbox row (and a
        // webhook delivery); the others are hub signals, sent once their chunk has committed.
        if (!completed)
            await signals.SendAsync(progress, SystemActor, job.PlaybookId.ToString(), null, ct);
        return true;
    }
}
