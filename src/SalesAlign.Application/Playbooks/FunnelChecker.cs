using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Application.Playbooks;

/// <summary>Stages, hand-off and targets: the funnel both teams agreed on must be coherent.</summary>
internal sealed class FunnelChecker(DocumentChecker report, PlaybookDocument document)
{
    public void Check()
    {
        var stages = document.Stages;
        report.Keys("/stages", stages, s => s.Key, "stage");
        report.Labels("/stages", stages.Select(s => s.Name).ToList(), n => n);
        if (stages.Count is < 2 or > 20)
            report.Add("/stages", "stages.count", "The funnel needs 2 to 20 stages.");

        var handoffs = stages.Select((s, i) => (s, i)).Where(x => x.s.Handoff).Select(x => x.i).ToList();
        if (handoffs.Count != 1)
        {
            var which = handoffs.Count == 0 ? "none is" : string.Join(", ", handoffs.Select(i => $"'{stages[i].Key}'")) + " are";
            report.Add("/stages", "stages.handoff_count", $"Exactly one stage must be the hand-off from marketing to sales; {which} marked.");
        }
        else if (handoffs[0] == stages.Count - 1 || !stages.Skip(handoffs[0] + 1).Any(s => s.Owner == Team.Sales))
        {
            report.Add($"/stages/{handoffs[0]}/handoff", "stages.handoff_position", "After the hand-off there must be at least one stage owned by sales.");
        }

        var index = stages.Select((s, i) => (s.Key, i)).GroupBy(x => x.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        CheckHandoff(index, handoffs.Count == 1 ? handoffs[0] : int.MaxValue);
        CheckTargets(index);
    }

    private void CheckHandoff(Dictionary<string, int> stageIndex, int handoffIndex)
    {
        var handoff = document.Handoff;
        if (!(double.IsFinite(handoff.ServiceLevelHours) && handoff.ServiceLevelHours > 0 && handoff.ServiceLevelHours <= 8760))
            report.Add("/handoff/serviceLevelHours", "number.out_of_range", "The service level is more than 0 and at most 8,760 hours (a year).");
        if (handoff.RejectionReasons.Count == 0)
            report.Add("/handoff/rejectionReasons", "handoff.reasons_missing", "List at least one reason sales may give when rejecting an MQL.");
        report.Keys("/handoff/rejectionReasons", handoff.RejectionReasons, r => r.Key, "rejection reason");
        report.Labels("/handoff/rejectionReasons", handoff.RejectionReasons, r => r.Label);
        if (!stageIndex.TryGetValue(handoff.RejectedStage, out var rejected))
            report.Add("/handoff/rejectedStage", "stage.unknown", $"Stage '{handoff.RejectedStage}' is not declared in /stages.");
        else if (rejected > handoffIndex)
            report.Add("/handoff/rejectedStage", "handoff.rejected_stage", "Rejected leads go back to marketing: choose a stage at or before the hand-off.");
    }

    private void CheckTargets(Dictionary<string, int> stageIndex)
    {
        var targets = document.Targets;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < targets.Conversions.Count; i++)
        {
            var (t, path) = (targets.Conversions[i], $"/targets/conversions/{i}");
            var knownFrom = stageIndex.TryGetValue(t.From, out var from);
            if (!knownFrom)
                report.Add($"{path}/from", "stage.unknown", $"Stage '{t.From}' is not declared in /stages.");
            if (!stageIndex.TryGetValue(t.To, out var to))
                report.Add($"{path}/to", "stage.unknown", $"Stage '{t.To}' is not declared in /stages.");
            else if (knownFrom && to != from + 1)
                report.Add($"{path}/to", "target.not_consecutive", $"A conversion target is between consecutive stages; '{t.To}' does not follow '{t.From}'.");
            if (!seen.Add(t.From))
                report.Add($"{path}/from", "key.duplicate", $"There is already a conversion target from '{t.From}'.");
            if (!(double.IsFinite(t.Rate) && t.Rate > 0 && t.Rate <= 1))
                report.Add($"{path}/rate", "number.out_of_range", "A conversion rate is more than 0 and at most 1 (e.g. 0.4 for 40 %).");
        }
        if (targets.SalesCycleDays is { } days && !(double.IsFinite(days) && days > 0 && days <= 3650))
            report.Add("/targets/salesCycleDays", "number.out_of_range", "The sales-cycle target is more than 0 and at most 3,650 days.");
    }
}
