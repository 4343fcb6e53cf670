using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SalesAlign.Benchmarks;

// One core: the goal is stated per core, and pinning keeps the other core for the OS and the harness.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithAffinity(1))
    .AddColumn(new PerSecondColumn())
    .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend))
    .WithOptions(ConfigOptions.JoinSummary);

BenchmarkSwitcher.FromAssembly(typeof(ScoringBenchmarks).Assembly).Run(args, config);
