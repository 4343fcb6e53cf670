using System.Diagnostics.Metrics;

namespace SalesAlign.Domain.Playbooks;

/// <summary>
/// Counts the expensive things done to playbook documents — reading one from JSON and comparing two — so an
/// operator (through OpenTelemetry) and a cost test (through a <see cref="MeterListener"/>) can see how often a
/// use case pays for them. A counter nobody listens to costs a few nanoseconds.
/// </summary>
public static class DocumentWork
{
    public const string MeterName = "SalesAlign.Documents";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Documents read from JSON into the typed model (<see cref="PlaybookJson.Parse(ReadOnlySpan{byte})"/>).</summary>
    public static readonly Counter<long> Parses = Meter.CreateCounter<long>("salesalign.documents.parsed", description: "Playbook documents read from JSON");

    /// <summary>Comparisons of two documents (<see cref="Diff.DocumentDiff"/>).</summary>
    public static readonly Counter<long> Diffs = Meter.CreateCounter<long>("salesalign.documents.diffed", description: "Playbook document comparisons");
}
