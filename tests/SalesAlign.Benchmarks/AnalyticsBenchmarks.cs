using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SalesAlign.Domain.Analytics;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Samples;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Benchmarks;

/// <summary>
/// In-memory re-scoring and impact analysis of many stored leads, already bound (as the application keeps them),
/// using every core: run with <c>--all-cores</c> (build/bench-leads.sh does). One operation = all leads.
/// </summary>
[MemoryDiagnoser]
public class AnalyticsBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private CompiledPlaybook _base = null!;
    private CompiledPlaybook _draft = null!;
    private BoundLead?[] _leads = null!;
    private LeadFunnel[] _funnels = null!;
    private ScoreSummary[] _scores = null!;
    private TimeZoneInfo _zone = null!;

    [Params(100_000, 1_000_000)]
    public int Leads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var document = SamplePlaybooks.B2BSaas();
        _base = CompiledPlaybook.Compile(document);
        _draft = CompiledPlaybook.Compile(RaiseThreshold(document, 10));
        _zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        // 20,000 distinct leads, each copied with its events shifted by whole hours: distinct objects all over the heap.
        const int distinct = 20_000;
        var templates = SampleLeads.Generate(document, distinct, Now);
        var data = new LeadData[Leads];
        _funnels = new LeadFunnel[Leads];
        var random = new Random(3);
        for (var i = 0; i < Leads; i++)
        {
            var template = templates[i % distinct];
            var shift = TimeSpan.FromHours(i / distinct);
            data[i] = template with { Events = [.. template.Events.Select(e => e with { OccurredAt = e.OccurredAt - shift })] };
            var created = Now.AddHours(-random.Next(0, 24 * 180));
            _funnels[i] = random.NextDouble() < 0.5
                ? new LeadFunnel(created, MqlAt: created.AddDays(1), MqlVersion: 1, SqlAt: random.NextDouble() < 0.5 ? created.AddDays(3) : null)
                : new LeadFunnel(created);
        }
        // As the application keeps them (LeadSnapshot): bound in parallel, then laid out in order.
        _leads = LeadBinding.Compact(LeadBinding.BindAll(_base, data));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        _scores = new ScoreSummary[Leads];
    }

    [Benchmark(Description = "Re-score all leads (one version)")]
    public int Rescore() => Rescoring.ScoreAll(_base, _leads, Now, _scores);

    [Benchmark(Description = "Impact: base vs draft over all leads")]
    public int Impact() =>
        ImpactAnalyzer.Analyze(new ImpactInput(_base, _leads, _draft, _leads, _funnels, Now, _zone)).Changed;

    private static PlaybookDocument RaiseThreshold(PlaybookDocument document, double delta) =>
        document with { Mql = new MqlSection { Condition = Shift(document.Mql.Condition, delta) } };

    private static Condition Shift(Condition condition, double delta) => condition switch
    {
        AllCondition all => new AllCondition(all.Conditions.Select(c => Shift(c, delta)).ToList()),
        AnyCondition any => new AnyCondition(any.Conditions.Select(c => Shift(c, delta)).ToList()),
        NotCondition not => new NotCondition(Shift(not.Condition, delta)),
        ComparisonCondition { Field: BuiltInOperands.EngagementScore } c =>
            c with { Value = JsonSerializer.SerializeToElement(c.Value!.Value.GetDouble() + delta) },
        _ => condition,
    };
}
