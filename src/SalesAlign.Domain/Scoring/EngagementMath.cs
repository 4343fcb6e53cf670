using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Domain.Scoring;

/// <summary>
/// The arithmetic of engagement decay, shared by the reference interpreter and the compiled engine so that
/// both produce bit-identical scores (the property tests compare them exactly).
/// </summary>
public static class EngagementMath
{
    public static double AgeInDays(long asOfUtcTicks, long occurredUtcTicks) =>
        (asOfUtcTicks - occurredUtcTicks) / (double)TimeSpan.TicksPerDay;

    /// <summary>The exponent rate for a half-life: weight = e^(age × rate). Zero when the rule does not decay.</summary>
    public static double DecayRate(Decay? decay) =>
        decay?.HalfLifeDays is { } halfLife ? -Math.Log(2) / halfLife : 0;

    public static double Expiry(Decay? decay) =>
        decay?.ExpiresAfterDays ?? double.PositiveInfinity;

    /// <summary>How much one event counts as of now: 0 for future or expired events, else its decayed weight.</summary>
    public static double Weight(double ageDays, double decayRate, double expiryDays)
    {
        if (ageDays < 0 || ageDays > expiryDays)
            return 0;
        return decayRate == 0 ? 1 : Math.Exp(ageDays * decayRate);
    }

    /// <summary>A cap bounds the absolute total a rule may contribute, for negative rules as for positive ones.</summary>
    public static double ApplyCap(double total, double? cap) =>
        cap is { } c ? Math.Clamp(total, -c, c) : total;

    public static bool CountsAt(double ageDays, double expiryDays) => ageDays >= 0 && ageDays <= expiryDays;
}
