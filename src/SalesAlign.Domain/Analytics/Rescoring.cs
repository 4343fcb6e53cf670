using System.Collections.Concurrent;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Domain.Analytics;

/// <summary>Re-scores bound leads in memory under one version, in parallel ranges, allocating nothing per lead.</summary>
public static class Rescoring
{
    /// <summary>Scores every bound lead as of a moment into <paramref name="scores"/>; returns how many are MQL.</summary>
    public static int ScoreAll(CompiledPlaybook playbook, BoundLead?[] leads, DateTimeOffset asOf, ScoreSummary[] scores, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Length < leads.Length)
            throw new ArgumentException("One score per lead is needed.", nameof(scores));

        var mqls = 0;
        if (leads.Length == 0)
            return 0;
        var rangeSize = Math.Max(1024, leads.Length / (Environment.ProcessorCount * 4) + 1);
        Parallel.ForEach(Partitioner.Create(0, leads.Length, rangeSize), new ParallelOptions { CancellationToken = cancellationToken }, range =>
        {
            var local = 0;
            for (var i = range.Item1; i < range.Item2; i++)
            {
                if (leads[i] is not { } lead)
                {
                    scores[i] = default;
                    continue;
                }
                var score = playbook.Evaluate(lead, asOf);
                scores[i] = score;
                if (score.IsMql)
                    local++;
            }
            Interlocked.Add(ref mqls, local);
        });
        return mqls;
    }
}
