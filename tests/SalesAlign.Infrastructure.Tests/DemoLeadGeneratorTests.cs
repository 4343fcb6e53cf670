using SalesAlign.Domain.Samples;
using SalesAlign.Infrastructure.Seeding;

namespace SalesAlign.Infrastructure.Tests;

public sealed class DemoLeadGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_generated_funnel_follows_the_B2B_benchmarks_and_the_same_seed_gives_the_same_leads()
    {
        var document = SamplePlaybooks.B2BSaas();

        var leads = DemoLeadGenerator.Generate(document, Guid.NewGuid(), 1, 5000, 42, Now, "sam");
        var again = DemoLeadGenerator.Generate(document, Guid.NewGuid(), 1, 50, 42, Now, "sam");

        var all = leads.Leads;
        var mql = all.Count(l => l.MqlAt is not null);
        var sql = all.Count(l => l.SqlAt is not null);
        var opportunities = all.Count(l => l.OpportunityAt is not null);
        ((double)mql / all.Count).ShouldBeInRange(0.45, 0.55);
        ((double)sql / mql).ShouldBeInRange(0.43, 0.55);
        ((double)opportunities / sql).ShouldBeInRange(0.33, 0.47);
        all.Where(l => l.MqlAt is not null).ShouldAllBe(l => l.MqlVersion == 1);
        all.ShouldAllBe(l => l.CreatedAt >= Now.AddDays(-182) && l.CreatedAt <= Now);
        leads.Outcomes.ShouldAllBe(o => o.OccurredAt <= Now);
        var contacted = all.Where(l => l.FirstContactAt is not null).Select(l => (l.FirstContactAt!.Value - l.MqlAt!.Value).TotalHours).ToList();
        contacted.Count(h => h <= document.Handoff.ServiceLevelHours).ShouldBeGreaterThan(contacted.Count / 2);
        contacted.Count(h => h > document.Handoff.ServiceLevelHours).ShouldBeGreaterThan(0);
        leads.Scores.Count.ShouldBe(5000);
        // Leads bound for MQL are generated warmer, so the playbook's own MQL rule agrees with most of them.
        leads.Scores.Count(s => s.IsMql).ShouldBeGreaterThan(500);
        again.Leads.Select(l => l.FieldsJson).ShouldBe(leads.Leads.Take(50).Select(l => l.FieldsJson));
    }
}
