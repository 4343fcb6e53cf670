using BenchmarkDotNet.Attributes;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Samples;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Benchmarks;

/// <summary>
/// Scoring throughput for the 40-rule sample playbook. Each invocation scores <see cref="LeadCount"/> leads,
/// so BenchmarkDotNet's per-operation figures are per lead.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private const int LeadCount = 1024;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private PlaybookDocument _document = null!;
    private CompiledPlaybook _compiled = null!;
    private LeadData[] _leads = null!;
    private BoundLead[] _bound = null!;
    private RuleOutcome[] _outcomes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _document = SamplePlaybooks.B2BSaas();
        _compiled = CompiledPlaybook.Compile(_document);
        _leads = SampleLeads.Generate(_document, LeadCount, Now);
        _bound = _leads.Select(l => _compiled.Bind(l).Lead ?? throw new InvalidOperationException("sample lead does not bind")).ToArray();
        _outcomes = new RuleOutcome[_compiled.OutcomeCount];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = LeadCount, Description = "Interpreter")]
    public double Interpreter()
    {
        var sum = 0.0;
        foreach (var lead in _leads)
            sum += ReferenceInterpreter.Score(_document, lead, Now).EngagementScore;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = LeadCount, Description = "Compiled")]
    public double Compiled()
    {
        var sum = 0.0;
        foreach (var lead in _bound)
            sum += _compiled.Evaluate(lead, Now).EngagementScore;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = LeadCount, Description = "Compiled + rule outcomes")]
    public double CompiledWithOutcomes()
    {
        var sum = 0.0;
        foreach (var lead in _bound)
            sum += _compiled.Evaluate(lead, Now, _outcomes).FitScore;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = LeadCount, Description = "Bind (validate + slot) once per lead")]
    public int Bind()
    {
        var n = 0;
        foreach (var lead in _leads)
            n += _compiled.Bind(lead).Lead!.EventCount;
        return n;
    }
}
