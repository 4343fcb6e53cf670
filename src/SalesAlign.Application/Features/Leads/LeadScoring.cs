using System.Text.Json;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Application.Features.Leads;

/// <summary>
/// Scores stored leads and keeps their current score and history: a history row only when the score really moved
/// (grade, MQL, route, SQL readiness, fit score, or engagement by at least <see cref="EngagementTolerance"/>
/// points — engagement decays continuously, and a row per tick of decay would bury the changes that matter).
/// </summary>
public static class LeadScoring
{
    public const double EngagementTolerance = 0.5;

    /// <summary>
    /// Binds a stored lead, leaving out values the playbook no longer declares or types differently (a stored lead
    /// outlives versions; what a version cannot read does not count, and is not deleted).
    /// </summary>
    public static BoundLead BindStored(CompiledPlaybook playbook, LeadData lead)
    {
        var result = playbook.Bind(lead);
        if (result.Lead is { } bound)
            return bound;
        var badFields = new HashSet<string>(StringComparer.Ordinal);
        var badEvents = new HashSet<int>();
        foreach (var problem in result.Problems)
        {
            var segments = problem.Path.Split('/');
            if (segments is [_, "fields", var key, ..])
                badFields.Add(key.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            else if (segments is [_, "events", var index, ..] && int.TryParse(index, out var i))
                badEvents.Add(i);
            else if (segments is [_, "events"])
                return playbook.Bind(new LeadData(Filter(lead.Fields, badFields), [])).Lead!;
        }
        var cleaned = new LeadData(Filter(lead.Fields, badFields), lead.Events.Where((_, i) => !badEvents.Contains(i)).ToList());
        return playbook.Bind(cleaned).Lead ?? playbook.Bind(LeadData.Empty).Lead!;
    }

    private static Dictionary<string, JsonElement> Filter(IReadOnlyDictionary<string, JsonElement> fields, HashSet<string> bad) =>
        fields.Where(f => !bad.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

    /// <summary>
    /// Writes the score of one lead under <paramref name="playbook"/>: updates (or adds) its current score, and adds a history
    /// row when it moved. Returns whether it moved.
    /// </summary>
    public static bool Apply(IAppDbContext db, Guid leadId, ResolvedPlaybook playbook, ScoreSummary summary, DateTimeOffset asOf,
        LeadCurrentScore? current, string reason)
    {
        var grade = playbook.Document.Icp.GradeBands[summary.GradeIndex].Grade;
        var route = summary.Route.ToString();
        var moved = current is null
            || current.FitGrade != grade || current.IsMql != summary.IsMql || current.Route != route || current.IsSqlReady != summary.IsSqlReady
            || current.FitScore != summary.FitScore
            || Math.Abs(current.EngagementScore - summary.EngagementScore) >= EngagementTolerance;
        if (current is null)
        {
            db.LeadScores.Add(current = new LeadCurrentScore { LeadId = leadId, PlaybookId = playbook.PlaybookId, FitGrade = grade, Route = route });
        }
        else if (!moved && current.Version == playbook.Version)
        {
            return false;
        }
        current.Version = playbook.Version;
        current.ScoredAt = asOf;
        current.FitScore = summary.FitScore;
        current.FitGrade = grade;
        current.EngagementScore = summary.EngagementScore;
        current.IsMql = summary.IsMql;
        current.IsSqlReady = summary.IsSqlReady;
        current.Route = route;
        if (moved)
        {
            db.LeadScoreChanges.Add(new LeadScoreChange
            {
                LeadId = leadId,
                PlaybookId = playbook.PlaybookId,
                Version = playbook.Version,
                ScoredAt = asOf,
                FitScore = summary.FitScore,
                FitGrade = grade,
                EngagementScore = summary.EngagementScore,
                IsMql = summary.IsMql,
                IsSqlReady = summary.IsSqlReady,
                Route = route,
                Reason = reason,
            });
        }
        return moved;
    }
}
