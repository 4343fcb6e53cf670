using SalesAlign.Domain.Playbooks;
using static SalesAlign.Domain.Playbooks.Validation.PlaybookErrorCodes;

namespace SalesAlign.Domain.Playbooks.Validation;

/// <summary>The ideal customer profile: fit criteria and the grade bands that turn a fit score into a grade.</summary>
internal static class IcpRules
{
    public const int MaxCriteria = 500;
    public const double MaxPoints = 10_000;

    public static void CheckCriteria(ProblemSink sink, ConditionChecker conditions, IReadOnlyList<FitCriterion>? criteria)
    {
        criteria ??= [];
        DocumentChecks.CheckCount(sink, "/icp/criteria", criteria.Count, 0, MaxCriteria, "ICP criteria");
        DocumentChecks.CheckKeys(sink, criteria, "/icp/criteria", "id", "criterion id", c => c.Id);
        for (var i = 0; i < criteria.Count; i++)
        {
            var criterion = criteria[i];
            var path = $"/icp/criteria/{i}";
            if (criterion is null)
                continue;
            DocumentChecks.CheckLabel(sink, $"{path}/label", criterion.Label, "criterion");
            DocumentChecks.CheckNumber(sink, $"{path}/points", criterion.Points, -MaxPoints, MaxPoints, "points");
            conditions.Check(criterion.Condition, $"{path}/condition", allowBuiltIns: false);
        }
    }

    /// <summary>
    /// Every possible fit score must get exactly one grade, so the bands, ordered, must tile the number line:
    /// one unbounded below, one unbounded above, and each band's max equal to the next band's min.
    /// </summary>
    public static void CheckGradeBands(ProblemSink sink, IReadOnlyList<GradeBand>? bands)
    {
        bands ??= [];
        const string listPath = "/icp/gradeBands";
        DocumentChecks.CheckCount(sink, listPath, bands.Count, 1, 26, "grade bands");
        DocumentChecks.CheckKeys(sink, bands, listPath, "grade", "grade", b => b.Grade);

        var wellFormed = true;
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            if (band is null)
            {
                wellFormed = false;
                continue;
            }
            var minOk = band.Min is not { } min || DocumentChecks.CheckNumber(sink, $"{listPath}/{i}/min", min, double.MinValue, double.MaxValue, "the minimum");
            var maxOk = band.Max is not { } max || DocumentChecks.CheckNumber(sink, $"{listPath}/{i}/max", max, double.MinValue, double.MaxValue, "the maximum");
            if (minOk && maxOk && band.Min >= band.Max)
            {
                sink.Add($"{listPath}/{i}/max", BandsEmptyRange,
                    $"Grade {band.Grade} runs from {DocumentChecks.Format(band.Min.Value)} up to {DocumentChecks.Format(band.Max.Value)}, so no score fits it; the maximum must be above the minimum.");
            }
            wellFormed &= minOk && maxOk && !(band.Min >= band.Max);
        }
        // Gaps and overlaps between malformed bands would only restate the problems above.
        if (wellFormed && bands.Count > 0)
            CheckTiling(sink, bands, listPath);
    }

    private static void CheckTiling(ProblemSink sink, IReadOnlyList<GradeBand> bands, string listPath)
    {
        var ordered = bands
            .Select((band, index) => (band, index))
            .OrderBy(b => b.band.Min ?? double.NegativeInfinity)
            .ThenBy(b => b.band.Max ?? double.PositiveInfinity)
            .ThenBy(b => b.index)
            .ToList();

        var lowest = ordered.Where(b => b.band.Min is null).ToList();
        if (lowest.Count == 0)
        {
            var (band, index) = ordered[0];
            sink.Add($"{listPath}/{index}/min", BandsGap,
                $"Fit scores below {DocumentChecks.Format(band.Min!.Value)} get no grade. Remove the minimum of the lowest band (grade {band.Grade}).");
        }
        foreach (var (band, index) in lowest.Skip(1))
        {
            sink.Add($"{listPath}/{index}/min", BandsOverlap,
                $"Grades {lowest[0].band.Grade} and {band.Grade} both have no minimum, so low scores would get both. Only the lowest band may leave its minimum out.");
        }

        var highest = ordered.Where(b => b.band.Max is null).ToList();
        if (highest.Count == 0)
        {
            var (band, index) = ordered[^1];
            sink.Add($"{listPath}/{index}/max", BandsGap,
                $"Fit scores of {DocumentChecks.Format(band.Max!.Value)} and above get no grade. Remove the maximum of the highest band (grade {band.Grade}).");
        }
        foreach (var (band, index) in highest.SkipLast(1))
        {
            sink.Add($"{listPath}/{index}/max", BandsOverlap,
                $"Grades {band.Grade} and {highest[^1].band.Grade} both have no maximum, so high scores would get both. Only the highest band may leave its maximum out.");
        }

        // Sweep upwards, remembering how far the bands seen so far reach, so a band nested inside another is
        // reported as an overlap rather than as a gap after it.
        var (reach, reachBand, reachIndex) = (ordered[0].band.Max ?? double.PositiveInfinity, ordered[0].band, ordered[0].index);
        foreach (var (next, nextIndex) in ordered.Skip(1))
        {
            // Extra unbounded ends were reported above; comparing them again would repeat the same overlap.
            var extraEnd = next.Min is null || (double.IsPositiveInfinity(reach) && next.Max is null);
            if (!extraEnd && reach != next.Min)
            {
                var nextMin = next.Min!.Value;
                var (code, message) = reach < nextMin
                    ? (BandsGap, $"Fit scores from {Range(reach, nextMin)} get no grade: grade {reachBand.Grade} ends at {DocumentChecks.Format(reach)} and grade {next.Grade} starts at {DocumentChecks.Format(nextMin)}. Make them meet.")
                    : (BandsOverlap, $"Fit scores from {Range(nextMin, Math.Min(reach, next.Max ?? double.PositiveInfinity))} fall in both grade {reachBand.Grade} and grade {next.Grade}. Make each band end where the next one begins.");
                sink.Add($"{listPath}/{reachIndex}/max", code, message);
                sink.Add($"{listPath}/{nextIndex}/min", code, message);
            }
            if ((next.Max ?? double.PositiveInfinity) > reach)
                (reach, reachBand, reachIndex) = (next.Max ?? double.PositiveInfinity, next, nextIndex);
        }
    }

    private static string Range(double from, double to) =>
        double.IsPositiveInfinity(to) ? $"{DocumentChecks.Format(from)} up" : $"{DocumentChecks.Format(from)} to {DocumentChecks.Format(to)}";
}
