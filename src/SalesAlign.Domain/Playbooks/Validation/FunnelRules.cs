using SalesAlign.Domain.Playbooks;
using static SalesAlign.Domain.Playbooks.Validation.PlaybookErrorCodes;

namespace SalesAlign.Domain.Playbooks.Validation;

/// <summary>The funnel: stages and the hand-off between the teams, and the targets measured along it.</summary>
internal static class FunnelRules
{
    public const int MinStages = 2;
    public const int MaxStages = 20;
    public const int MaxRejectionReasons = 100;
    public const double MaxServiceLevelHours = 8760;
    public const double MaxSalesCycleDays = 3650;

    public static void CheckStages(ProblemSink sink, IReadOnlyList<StageDefinition>? stages)
    {
        stages ??= [];
        DocumentChecks.CheckCount(sink, "/stages", stages.Count, MinStages, MaxStages, "stages");
        DocumentChecks.CheckKeys(sink, stages, "/stages", "key", "stage key", s => s.Key);
        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i] is not null)
                DocumentChecks.CheckLabel(sink, $"/stages/{i}/name", stages[i].Name, "stage");
        }

        var handoffs = Enumerable.Range(0, stages.Count).Where(i => stages[i]?.Handoff == true).ToList();
        if (handoffs.Count == 0 && stages.Count > 0)
        {
            sink.Add("/stages", HandoffMissing, "Mark the stage where marketing hands leads to sales with \"handoff\": true.");
            return;
        }
        if (handoffs.Count > 1)
        {
            var names = string.Join(", ", handoffs.Select(i => $"'{stages[i].Key}'"));
            foreach (var i in handoffs.Skip(1))
                sink.Add($"/stages/{i}/handoff", HandoffMultiple, $"Only one stage can be the hand-off to sales; {names} are marked.");
            return;
        }
        if (handoffs.Count == 0)
            return;

        var handoff = handoffs[0];
        if (handoff == stages.Count - 1)
        {
            sink.Add($"/stages/{handoff}/handoff", HandoffLast, "The hand-off stage cannot be the last stage: sales needs a stage to take the lead into.");
        }
        else if (!stages.Skip(handoff + 1).Any(s => s?.Owner == Team.Sales))
        {
            sink.Add($"/stages/{handoff}/handoff", NoSalesStageAfterHandoff,
                $"No stage after the hand-off ('{stages[handoff].Key}') is owned by sales, so nobody takes the lead over.");
        }
    }

    public static void CheckHandoff(ProblemSink sink, HandoffSection? handoff, IReadOnlyList<StageDefinition>? stages)
    {
        if (handoff is null)
            return;
        stages ??= [];
        DocumentChecks.CheckNumber(sink, "/handoff/serviceLevelHours", handoff.ServiceLevelHours, 0, MaxServiceLevelHours, "the service level in hours", minExclusive: true);

        var reasons = handoff.RejectionReasons ?? [];
        DocumentChecks.CheckCount(sink, "/handoff/rejectionReasons", reasons.Count, 1, MaxRejectionReasons, "rejection reasons");
        DocumentChecks.CheckKeys(sink, reasons, "/handoff/rejectionReasons", "key", "rejection reason key", r => r.Key);
        for (var i = 0; i < reasons.Count; i++)
        {
            if (reasons[i] is not null)
                DocumentChecks.CheckLabel(sink, $"/handoff/rejectionReasons/{i}/label", reasons[i].Label, "rejection reason");
        }

        const string rejectedPath = "/handoff/rejectedStage";
        var stageIndex = IndexOf(stages, handoff.RejectedStage);
        if (stageIndex < 0)
        {
            sink.Add(rejectedPath, StageUnknown, string.IsNullOrEmpty(handoff.RejectedStage)
                ? "Choose the stage a lead returns to when sales rejects it (usually the first marketing stage)."
                : $"There is no stage '{DocumentChecks.Shorten(handoff.RejectedStage)}'; use one of the stage keys.");
            return;
        }
        var handoffIndex = Enumerable.Range(0, stages.Count).FirstOrDefault(i => stages[i]?.Handoff == true, -1);
        if (handoffIndex >= 0 && stageIndex > handoffIndex)
        {
            sink.Add(rejectedPath, RejectedStageAfterHandoff,
                $"A rejected lead goes back to marketing, so it must return to '{stages[handoffIndex].Key}' or a stage before it, not to '{handoff.RejectedStage}'.");
        }
    }

    public static void CheckTargets(ProblemSink sink, TargetsSection? targets, IReadOnlyList<StageDefinition>? stages)
    {
        if (targets is null)
            return;
        stages ??= [];
        var conversions = targets.Conversions ?? [];
        var seenFrom = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < conversions.Count; i++)
        {
            var conversion = conversions[i];
            var path = $"/targets/conversions/{i}";
            if (conversion is null)
                continue;
            var from = CheckStageReference(sink, $"{path}/from", conversion.From, stages);
            var to = CheckStageReference(sink, $"{path}/to", conversion.To, stages);
            if (from >= 0 && to >= 0 && to != from + 1)
            {
                var next = from + 1 < stages.Count ? $"'{stages[from + 1].Key}'" : "none (it is the last stage)";
                sink.Add($"{path}/to", TargetNotConsecutive,
                    $"Targets are between consecutive stages: the stage after '{conversion.From}' is {next}, not '{conversion.To}'.");
            }
            if (from >= 0 && !seenFrom.TryAdd(conversion.From, i))
                sink.Add($"{path}/from", KeyDuplicate, $"There is already a target from '{conversion.From}' at /targets/conversions/{seenFrom[conversion.From]}.");
            DocumentChecks.CheckNumber(sink, $"{path}/rate", conversion.Rate, 0, 1, "the conversion rate (0 to 1, e.g. 0.25 for 25%)", minExclusive: true);
        }
        if (targets.SalesCycleDays is { } days)
            DocumentChecks.CheckNumber(sink, "/targets/salesCycleDays", days, 0, MaxSalesCycleDays, "the sales cycle in days", minExclusive: true);
    }

    private static int CheckStageReference(ProblemSink sink, string path, string? key, IReadOnlyList<StageDefinition> stages)
    {
        var index = IndexOf(stages, key);
        if (index < 0)
        {
            sink.Add(path, StageUnknown, string.IsNullOrEmpty(key)
                ? "Choose a stage."
                : $"There is no stage '{DocumentChecks.Shorten(key)}'; use one of the stage keys.");
        }
        return index;
    }

    private static int IndexOf(IReadOnlyList<StageDefinition> stages, string? key) =>
        string.IsNullOrEmpty(key) ? -1 : Enumerable.Range(0, stages.Count).FirstOrDefault(i => string.Equals(stages[i]?.Key, key, StringComparison.Ordinal), -1);
}
