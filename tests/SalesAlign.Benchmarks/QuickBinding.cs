using System.Diagnostics;
using System.Text;
using SalesAlign.Domain.Analytics;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Samples;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Benchmarks;

/// <summary>
/// `--bind [leads]`: binding stored leads on one thread, CPU time — the validating path (parse the stored JSON into
/// <see cref="LeadData"/>, then <see cref="LeadBinding.BindLeniently"/>) against <see cref="CompiledPlaybook.TryBindStored"/>
/// (UTF-8 encoding of the stored strings included). The impact preview's first-request cost, less the database.
/// </summary>
internal static class QuickBinding
{
    public static void Run(int count)
    {
        var document = SamplePlaybooks.B2BSaas();
        var playbook = CompiledPlaybook.Compile(document);
        var leads = SampleLeads.Generate(document, count, DateTimeOffset.UtcNow);
        var fields = leads.Select(l => LeadPayload.WriteFields(l.Fields)).ToArray();
        var events = leads.Select(l => LeadPayload.WriteEvents(l.Events)).ToArray();
        var buffer = new byte[1 << 16];
        for (var round = 0; round < 5; round++)
        {
            var validating = Time(() =>
            {
                for (var i = 0; i < count; i++)
                    _ = LeadBinding.BindLeniently(playbook, LeadPayload.ToLeadData(fields[i], events[i])) ?? throw new InvalidOperationException();
            });
            var stored = Time(() =>
            {
                for (var i = 0; i < count; i++)
                {
                    var f = Encoding.UTF8.GetBytes(fields[i], buffer);
                    var e = Encoding.UTF8.GetBytes(events[i], buffer.AsSpan(f));
                    _ = playbook.TryBindStored(buffer.AsSpan(0, f), buffer.AsSpan(f, e)) ?? throw new InvalidOperationException();
                }
            });
            Console.WriteLine($"{count:N0} leads, one thread: validating path {validating.Cpu,8:F0} ms CPU ({validating.Wall,8:F0} wall)   "
                + $"stored-payload path {stored.Cpu,8:F0} ms CPU ({stored.Wall,8:F0} wall)");
        }
    }

    private static (double Cpu, double Wall) Time(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        process.Refresh();
        return ((process.TotalProcessorTime - cpu).TotalMilliseconds, watch.Elapsed.TotalMilliseconds);
    }
}
