using System.Text.Json;
using SalesAlign.Contracts.Analytics;
using SalesAlign.Web.Components.Dashboard;
using SalesAlign.Web.Insights;

namespace SalesAlign.Web.Tests;

public sealed class KpiDashboardTests : WebTestContext
{
    private static readonly string[] StageKeys = ["lead", "mql", "sql", "opportunity", "customer"];

    /// <summary>Two months of a small funnel: 200 leads → 100 MQL → 40 SQL (target 50 %) → 20 opportunities → 6 customers.</summary>
    internal static KpiReportDto Report(string period = "month")
    {
        static RatioDto R(int cohort, int converted) => new(cohort, converted, cohort == 0 ? null : Math.Round((decimal)converted / cohort, 4));
        static ConversionKpiDto C(string from, string to, RatioDto value, decimal? target) =>
            new(from, to, value, target, value.Rate is { } r && target is { } t ? r >= t : null);
        static KpiPeriodDto P(DateOnly start, DateOnly end, int[] counts, RatioDto mqlToSql, RatioDto sla, (string, int)[] rejections, bool complete = true) => new(
            start, end, counts,
            [
                C("lead", "mql", R(counts[0], counts[1]), 0.5m),
                C("mql", "sql", mqlToSql, 0.5m),
                C("sql", "opportunity", R(counts[2], counts[3]), 0.4m),
                C("opportunity", "customer", R(counts[3], counts[4]), 0.25m),
                C("mql", "opportunity", R(counts[1], counts[3]), 0.2m),
                C("lead", "customer", R(counts[0], counts[4]), 0.025m),
            ],
            new SalesCycleKpiDto(counts[4], 41.5m, 60m),
            new ServiceLevelKpiDto(24, sla.Cohort, sla.Converted, 2, sla),
            [.. rejections.Select(r => new RejectionReasonKpiDto(r.Item1, r.Item2, R(rejections.Sum(x => x.Item2), r.Item2)))],
            [new VersionKpiDto(1, counts[1], mqlToSql, R(counts[1], counts[3]), new ServiceLevelKpiDto(24, sla.Cohort, sla.Converted, 2, sla))],
            complete);

        var october = P(new(2026, 10, 1), new(2026, 11, 1), [120, 60, 30, 12, 4], R(60, 30), R(50, 40), [("no-budget", 8), ("bad-timing", 3)]);
        var november = P(new(2026, 11, 1), new(2026, 12, 1), [80, 40, 10, 8, 2], R(40, 10), R(40, 20), [("no-budget", 4), ("not-a-fit", 9)], complete: false);
        var total = P(new(2026, 10, 1), new(2026, 12, 1), [200, 100, 40, 20, 6], R(100, 40), R(90, 60), [("no-budget", 12), ("not-a-fit", 9), ("bad-timing", 3)], complete: false);
        string[] names = ["Lead", "Marketing qualified", "Sales qualified", "Opportunity", "Customer"];
        return new KpiReportDto(Guid.NewGuid(), 1, new(2026, 10, 1), new(2026, 12, 1), period, "Europe/Berlin", DateTimeOffset.Parse("2026-11-23T12:00:00Z"),
            [.. StageKeys.Select((k, i) => new FunnelStageDto(k, names[i]))], [october, november], total);
    }

    private static PlaybookVocabulary Vocabulary() => PlaybookVocabulary.From(JsonDocument.Parse("""
        {"handoff": {"rejectionReasons": [{"key": "no-budget", "label": "No budget"}, {"key": "not-a-fit", "label": "Not a fit for our product"}]}}
        """).RootElement);

    [Fact]
    public void The_funnel_table_shows_each_stage_with_its_conversion_against_the_target()
    {
        var cut = Render<KpiDashboardView>(p => p.Add(v => v.Report, Report()).Add(v => v.Vocabulary, Vocabulary()));

        var rows = cut.FindAll("[data-testid=kpi-funnel-table] tbody tr");
        rows.Count.ShouldBe(5);
        rows[1].TextContent.ShouldContain("Marketing qualified");
        rows[1].TextContent.ShouldContain("100");
        rows[1].TextContent.ShouldContain("50 %");        // 100 of 200 reached MQL, target 50 %
        rows[1].TextContent.ShouldContain("meets");
        rows[2].TextContent.ShouldContain("40 %");        // 40 of 100 MQLs accepted, target 50 %
        rows[2].TextContent.ShouldContain("below");
        cut.Find("[data-testid=kpi-funnel] svg").ShouldNotBeNull();
        cut.Find("[data-testid=kpi-funnel] [role=img]").GetAttribute("aria-label")!.ShouldContain("Sales qualified 40 (at target 50)");
    }

    [Fact]
    public void Conversion_by_period_service_level_and_ranked_rejection_reasons_come_from_the_report()
    {
        var cut = Render<KpiDashboardView>(p => p.Add(v => v.Report, Report()).Add(v => v.Vocabulary, Vocabulary()));

        var conversion = cut.Find("[data-testid=kpi-conversion]").TextContent;
        conversion.ShouldContain("Oct 2026");
        conversion.ShouldContain("Nov 2026 (so far)");     // asOf 23 Nov: November has not ended
        conversion.ShouldNotContain("Oct 2026 (so far)");
        cut.Find("[data-testid=kpi-sla]").TextContent.ShouldContain("within 24 hours");
        conversion.ShouldContain("25 %");                 // November: 10 of 40 MQLs to SQL
        cut.Find("[data-testid=kpi-sla-share]").TextContent.ShouldBe("66.7 %");   // 60 of 90 due
        var reasons = cut.FindAll("[data-testid=kpi-rejections] li").Select(li => li.TextContent).ToList();
        reasons.Count.ShouldBe(3);
        reasons[0].ShouldContain("No budget");
        reasons[1].ShouldContain("Not a fit for our product");
        reasons[2].ShouldContain("bad-timing");          // no label in the playbook: the key is shown
        cut.Find("[data-testid=kpi-versions]").TextContent.ShouldContain("v1");
    }

    [Fact]
    public void Weekly_reports_label_periods_by_their_first_day()
    {
        var cut = Render<KpiDashboardView>(p => p.Add(v => v.Report, Report("week")));

        cut.Find("[data-testid=kpi-range]").TextContent.ShouldContain("by week");
        cut.Find("[data-testid=kpi-conversion]").TextContent.ShouldContain("1 Oct");
        cut.Find("[data-testid=kpi-conversion]").TextContent.ShouldNotContain("Oct 2026");
    }

    [Fact]
    public void The_model_projects_each_stage_at_the_agreed_rate_of_the_stage_before()
    {
        var model = new KpiDashboardModel(Report());

        model.Funnel.Select(f => f.AtTarget).ShouldBe([null, 100, 50, 16, 5]);
        model.TargetPercent(("mql", "sql")).ShouldBe(50);
        model.ConversionByPeriod(("mql", "sql")).Select(p => p.Value).ShouldBe([50, 25]);
        model.Rejections.Select(r => r.Reason).ShouldBe(["no-budget", "not-a-fit", "bad-timing"]);
    }
}
