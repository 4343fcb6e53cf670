using System.Diagnostics;

namespace SalesAlign.Benchmarks;

/// <summary>
/// A fast stopwatch check of the analytics benchmarks (`--quick [leads]`): minutes less than BenchmarkDotNet, for
/// iterating; the figures to report come from the BenchmarkDotNet run.
/// </summary>
internal static class QuickAnalytics
{
    public static void Run(int leads)
    {
        var bench = new AnalyticsBenchmarks { Leads = leads };
        var setup = Stopwatch.StartNew();
        bench.Setup();
        Console.WriteLine($"setup ({leads:N0} leads bound): {setup.Elapsed.TotalSeconds:F1} s");
        for (var i = 0; i < 6; i++)
        {

            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            bench.Rescore();
            var rescore = watch.Elapsed.TotalMilliseconds;
            process.Refresh();
            var rescoreCpu = (process.TotalProcessorTime - cpu).TotalMilliseconds;
            cpu = process.TotalProcessorTime;
            watch.Restart();
            bench.Impact();
            var impact = watch.Elapsed.TotalMilliseconds;
            process.Refresh();
            var impactCpu = (process.TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine($"re-score {rescore,8:F1} ms wall {rescoreCpu,8:F1} ms CPU   impact {impact,8:F1} ms wall {impactCpu,8:F1} ms CPU");
        }
    }
}
