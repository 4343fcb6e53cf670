using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SalesAlign.Benchmarks;

// One core by default: the scoring goal is stated per core, and pinning keeps the other core for the OS and the
// harness. `--all-cores` runs unpinned, for the parallel re-scoring and impact benchmarks (their goals are per machine).
if (args.Length > 0 && args[0] == "--bind")
{
    QuickBinding.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    return;
}

if (args.Length > 0 && args[0] == "--quick")
{
    QuickAnalytics.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}

var allCores = args.Contains("--all-cores");
args = [.. args.Where(a => a != "--all-cores")];
var config = DefaultConfig.Instance
    .AddJob(allCores ? Job.ShortRun : Job.ShortRun.WithAffinity(1))
    .AddColumn(new PerSecondColumn())
    .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend))
    .WithOptions(ConfigOptions.JoinSummary);

BenchmarkSwitcher.FromAssembly(typeof(ScoringBenchmarks).Assembly).Run(args, config);
