using SalesAlign.Domain.Analytics;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Samples;

namespace SalesAlign.Domain.Tests.Analytics;

/// <summary>
/// A hand-computed fixture. Tenant time zone Europe/Berlin (UTC+2 until 25 Oct 2026, then UTC+1); periods are months
/// September and October 2026; as of 15 Nov 2026. The sample playbook: SLA 24 h; targets lead→mql 0.5, mql→sql 0.5,
/// sql→opportunity 0.4, opportunity→customer 0.25, cycle 60 days. Every expected number is worked out in comments.
/// </summary>
public sealed class KpiCalculatorTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateTimeOffset AsOf = Utc(11, 15, 0);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static readonly LeadFunnel[] Fixture =
    [
        // L1: created 31 Aug 23:30Z = 1 Sep 01:30 Berlin → September. MQL v1; contact after 10 h; won 48 days after MQL.
        new(Utc(8, 31, 23, 30), MqlAt: Utc(9, 2, 10), MqlVersion: 1, FirstContactAt: Utc(9, 2, 20), SqlAt: Utc(9, 5, 10),
            OpportunityAt: Utc(9, 20, 10), WonAt: Utc(10, 20, 10), Amount: 12_000m),
        // L2: contact 48 h after MQL (late); opportunity 1 Oct 12:00Z (October); lost.
        new(Utc(9, 3, 10), MqlAt: Utc(9, 4, 8), MqlVersion: 1, FirstContactAt: Utc(9, 6, 8), SqlAt: Utc(9, 10, 10),
            OpportunityAt: Utc(10, 1, 12), LostAt: Utc(10, 30, 10), Amount: 8_000m),
        // L3: no contact reported; rejected 21 h after MQL, which counts as the first contact (within).
        new(Utc(9, 5, 10), MqlAt: Utc(9, 6, 12), MqlVersion: 1, RejectedAt: Utc(9, 7, 9), RejectionReason: "no-budget"),
        // L4: rejected 3 days after MQL (late).
        new(Utc(9, 10, 10), MqlAt: Utc(9, 12, 0), MqlVersion: 1, RejectedAt: Utc(9, 15, 10), RejectionReason: "no-budget"),
        // L5, L6: never MQL. 20 Sep is a Sunday (end of an ISO week).
        new(Utc(9, 15, 10)),
        new(Utc(9, 20, 10)),
        // L7: created 30 Sep 22:30Z = 1 Oct 00:30 Berlin → October. MQL v2; contact after 6 h; won 23 days after MQL.
        new(Utc(9, 30, 22, 30), MqlAt: Utc(10, 2, 9), MqlVersion: 2, FirstContactAt: Utc(10, 2, 15), SqlAt: Utc(10, 3, 10),
            OpportunityAt: Utc(10, 5, 10), WonAt: Utc(10, 25, 9), Amount: 20_000m),
        // L8: contact 48 h after MQL (late), then rejected.
        new(Utc(10, 5, 10), MqlAt: Utc(10, 6, 10), MqlVersion: 2, FirstContactAt: Utc(10, 8, 10), RejectedAt: Utc(10, 9, 10),
            RejectionReason: "not-a-fit"),
        // L9: MQL without a recorded version; never contacted, deadline long past → late.
        new(Utc(10, 10, 10), MqlAt: Utc(10, 12, 10)),
        // L10: MQL 31 Oct 22:30Z = 23:30 Berlin (UTC+1 by then) → October; contact 11.5 h later; SQL in November.
        new(Utc(10, 20, 10), MqlAt: Utc(10, 31, 22, 30), MqlVersion: 2, FirstContactAt: Utc(11, 1, 10), SqlAt: Utc(11, 3, 10)),
        // L11: contact after 4 h, then rejected.
        new(Utc(10, 25, 10), MqlAt: Utc(10, 26, 8), MqlVersion: 2, FirstContactAt: Utc(10, 26, 12), RejectedAt: Utc(10, 28, 10),
            RejectionReason: "no-budget"),
        // L12: becomes MQL after the as-of moment: ignored as MQL.
        new(Utc(10, 28, 10), MqlAt: Utc(11, 20, 10), MqlVersion: 2),
        // L13: created before the range; MQL v1 in September; contact after 1 h; won 24 days after MQL.
        new(Utc(7, 15, 10), MqlAt: Utc(9, 1, 10), MqlVersion: 1, FirstContactAt: Utc(9, 1, 11), SqlAt: Utc(9, 3, 10),
            OpportunityAt: Utc(9, 10, 10), WonAt: Utc(9, 25, 10), Amount: 5_000m),
        // L14: created after the range.
        new(Utc(11, 2, 10)),
    ];

    private static KpiReport Monthly() => KpiCalculator.Calculate(
        Fixture, SamplePlaybooks.B2BSaas(), KpiPeriod.Month, new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 1), Berlin, AsOf);

    private static ConversionKpi Conversion(KpiPeriodReport period, FunnelStage from, FunnelStage to) =>
        period.Conversions.Single(c => c.From == from && c.To == to);

    [Fact]
    public void Periods_are_the_calendar_months_of_the_range()
    {
        var report = Monthly();

        report.Periods.Select(p => (p.Start, p.End)).ShouldBe([
            (new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1)),
            (new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1))]);
        report.StageNames.ShouldBe(["Lead", "Marketing qualified", "Sales qualified", "Opportunity", "Customer"]);
    }

    [Fact]
    public void Stage_counts_follow_the_local_date_each_stage_was_reached()
    {
        var report = Monthly();

        // Leads: Sep L1-L6 = 6; Oct L7-L12 = 6 (L13 before, L14 after the range).
        // MQL:   Sep L1 L2 L3 L4 L13 = 5; Oct L7 L8 L9 L10 L11 = 5 (L12 after as-of).
        // SQL:   Sep L1 L2 L13 = 3; Oct L7 = 1 (L10's is in November).
        // Opp:   Sep L1 L13 = 2; Oct L2 L7 = 2.   Customer: Sep L13 = 1; Oct L1 L7 = 2.
        report.Periods[0].StageCounts.ShouldBe([6, 5, 3, 2, 1]);
        report.Periods[1].StageCounts.ShouldBe([6, 5, 1, 2, 2]);
        report.Total.StageCounts.ShouldBe([12, 10, 4, 4, 3]);
    }

    [Fact]
    public void Conversion_rates_follow_the_cohort_of_the_first_stage()
    {
        var report = Monthly();
        var (sep, oct, total) = (report.Periods[0], report.Periods[1], report.Total);

        // Lead→MQL: Sep created L1-L6, MQL L1-L4 = 4/6 = 0.6667; Oct created L7-L12, MQL by as-of L7-L11 = 5/6 = 0.8333.
        Conversion(sep, FunnelStage.Lead, FunnelStage.Mql).Value.ShouldBe(new Ratio(6, 4));
        Conversion(sep, FunnelStage.Lead, FunnelStage.Mql).Value.Rate.ShouldBe(0.6667m);
        Conversion(oct, FunnelStage.Lead, FunnelStage.Mql).Value.Rate.ShouldBe(0.8333m);
        Conversion(total, FunnelStage.Lead, FunnelStage.Mql).Value.ShouldBe(new Ratio(12, 9));
        Conversion(total, FunnelStage.Lead, FunnelStage.Mql).Value.Rate.ShouldBe(0.75m);

        // MQL→SQL: Sep MQLs L1 L2 L3 L4 L13, SQL L1 L2 L13 = 3/5 = 0.6 (target 0.5 met);
        // Oct MQLs L7-L11, SQL L7 L10 (3 Nov, before as-of) = 2/5 = 0.4 (not met); total 5/10 = 0.5 (met, equal).
        Conversion(sep, FunnelStage.Mql, FunnelStage.Sql).ShouldBe(new ConversionKpi(FunnelStage.Mql, FunnelStage.Sql, new Ratio(5, 3), 0.5m));
        Conversion(sep, FunnelStage.Mql, FunnelStage.Sql).MeetsTarget.ShouldBe(true);
        Conversion(oct, FunnelStage.Mql, FunnelStage.Sql).Value.Rate.ShouldBe(0.4m);
        Conversion(oct, FunnelStage.Mql, FunnelStage.Sql).MeetsTarget.ShouldBe(false);
        Conversion(total, FunnelStage.Mql, FunnelStage.Sql).Value.ShouldBe(new Ratio(10, 5));
        Conversion(total, FunnelStage.Mql, FunnelStage.Sql).MeetsTarget.ShouldBe(true);

        // SQL→Opp: Sep SQLs L1 L2 L13 all reached opportunity = 3/3; Oct L7 = 1/1; total 4/4.
        Conversion(sep, FunnelStage.Sql, FunnelStage.Opportunity).Value.ShouldBe(new Ratio(3, 3));
        Conversion(oct, FunnelStage.Sql, FunnelStage.Opportunity).Value.ShouldBe(new Ratio(1, 1));
        Conversion(total, FunnelStage.Sql, FunnelStage.Opportunity).Value.Rate.ShouldBe(1m);
        Conversion(total, FunnelStage.Sql, FunnelStage.Opportunity).Target.ShouldBe(0.4m);

        // Opp→Customer: Sep opportunities L1 L13, both won = 2/2; Oct L2 (lost) L7 (won) = 1/2; total 3/4 = 0.75.
        Conversion(sep, FunnelStage.Opportunity, FunnelStage.Customer).Value.ShouldBe(new Ratio(2, 2));
        Conversion(oct, FunnelStage.Opportunity, FunnelStage.Customer).Value.ShouldBe(new Ratio(2, 1));
        Conversion(total, FunnelStage.Opportunity, FunnelStage.Customer).Value.Rate.ShouldBe(0.75m);

        // MQL→Opp: Sep L1 L2 L13 of 5 = 0.6; Oct L7 of 5 = 0.2; total 4/10. No target written for the pair:
        // the product of mql→sql and sql→opportunity, 0.5 × 0.4 = 0.2 (Oct meets it exactly).
        Conversion(sep, FunnelStage.Mql, FunnelStage.Opportunity).Value.ShouldBe(new Ratio(5, 3));
        Conversion(oct, FunnelStage.Mql, FunnelStage.Opportunity).Value.ShouldBe(new Ratio(5, 1));
        Conversion(oct, FunnelStage.Mql, FunnelStage.Opportunity).Target.ShouldBe(0.2m);
        Conversion(oct, FunnelStage.Mql, FunnelStage.Opportunity).MeetsTarget.ShouldBe(true);
        Conversion(total, FunnelStage.Mql, FunnelStage.Opportunity).Value.Rate.ShouldBe(0.4m);

        // Lead-to-close: Sep created L1-L6, won L1 = 1/6 = 0.1667; Oct won L7 = 1/6; total 2/12 = 0.1667.
        // Target 0.5 × 0.5 × 0.4 × 0.25 = 0.025.
        Conversion(sep, FunnelStage.Lead, FunnelStage.Customer).Value.ShouldBe(new Ratio(6, 1));
        Conversion(sep, FunnelStage.Lead, FunnelStage.Customer).Value.Rate.ShouldBe(0.1667m);
        Conversion(total, FunnelStage.Lead, FunnelStage.Customer).Value.ShouldBe(new Ratio(12, 2));
        Conversion(total, FunnelStage.Lead, FunnelStage.Customer).Target.ShouldBe(0.025m);
    }

    [Fact]
    public void Sales_cycle_is_the_median_from_MQL_to_won_of_the_deals_won_in_the_period()
    {
        var report = Monthly();

        // Sep: L13 won 24 days after MQL → 24. Oct: L1 48 days, L7 23 days → (48 + 23) / 2 = 35.5.
        // Total: 23, 24, 48 → 24. Target 60 days.
        report.Periods[0].SalesCycle.ShouldBe(new SalesCycleKpi(1, 24m, 60m));
        report.Periods[1].SalesCycle.ShouldBe(new SalesCycleKpi(2, 35.5m, 60m));
        report.Total.SalesCycle.ShouldBe(new SalesCycleKpi(3, 24m, 60m));
    }

    [Fact]
    public void Service_level_share_counts_MQLs_first_contacted_within_the_hours_agreed()
    {
        var report = Monthly();

        // Sep: within L1 (10 h), L3 (rejected after 21 h), L13 (1 h); late L2 (48 h), L4 (3 days) → 3/5.
        // Oct: within L7 (6 h), L10 (11.5 h), L11 (4 h); late L8 (48 h), L9 (never, deadline passed) → 3/5.
        report.Periods[0].ServiceLevel.ShouldBe(new ServiceLevelKpi(24, 5, 3, 0));
        report.Periods[1].ServiceLevel.ShouldBe(new ServiceLevelKpi(24, 5, 3, 0));
        report.Total.ServiceLevel.Share.ShouldBe(new Ratio(10, 6));
        report.Total.ServiceLevel.Share.Rate.ShouldBe(0.6m);
    }

    [Fact]
    public void Rejection_reasons_are_ranked_by_count_then_key()
    {
        var report = Monthly();

        // Sep: L3 L4 no-budget. Oct: L8 not-a-fit, L11 no-budget (a tie: "no-budget" sorts before "not-a-fit").
        report.Periods[0].Rejections.ShouldBe([new RejectionReasonKpi("no-budget", 2, new Ratio(2, 2))]);
        report.Periods[1].Rejections.ShouldBe([
            new RejectionReasonKpi("no-budget", 1, new Ratio(2, 1)),
            new RejectionReasonKpi("not-a-fit", 1, new Ratio(2, 1))]);
        report.Total.Rejections.ShouldBe([
            new RejectionReasonKpi("no-budget", 3, new Ratio(4, 3)),
            new RejectionReasonKpi("not-a-fit", 1, new Ratio(4, 1))]);
        report.Total.Rejections[0].Share.Rate.ShouldBe(0.75m);
    }

    [Fact]
    public void MQL_cohorts_are_split_by_the_version_in_force()
    {
        var report = Monthly();

        // v1 (Sep): L1 L2 L3 L4 L13: SQL 3/5, opp 3/5, SLA 3 of 5.
        // v2 (Oct): L7 L8 L10 L11: SQL L7 L10 = 2/4, opp L7 = 1/4, SLA within L7 L10 L11 = 3 of 4.
        // no version (Oct): L9: 0/1, 0/1, SLA 0 of 1 — listed last.
        var v1 = new VersionKpi(1, 5, new Ratio(5, 3), new Ratio(5, 3), new ServiceLevelKpi(24, 5, 3, 0));
        var v2 = new VersionKpi(2, 4, new Ratio(4, 2), new Ratio(4, 1), new ServiceLevelKpi(24, 4, 3, 0));
        var none = new VersionKpi(null, 1, new Ratio(1, 0), new Ratio(1, 0), new ServiceLevelKpi(24, 1, 0, 0));
        report.Periods[0].ByVersion.ShouldBe([v1]);
        report.Periods[1].ByVersion.ShouldBe([v2, none]);
        report.Total.ByVersion.ShouldBe([v1, v2, none]);
        v2.MqlToOpportunity.Rate.ShouldBe(0.25m);
    }

    [Fact]
    public void Weeks_start_on_Monday_and_the_first_and_last_are_clipped_to_the_range()
    {
        var report = KpiCalculator.Calculate(
            Fixture, SamplePlaybooks.B2BSaas(), KpiPeriod.Week, new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), Berlin, AsOf);

        // 1 Sep 2026 is a Tuesday: [1-7), [7-14), [14-21), [21-28), [28 Sep-1 Oct).
        report.Periods.Select(p => p.Start.Day).ShouldBe([1, 7, 14, 21, 28]);
        report.Periods[^1].End.ShouldBe(new DateOnly(2026, 10, 1));
        // Created: L1 (1 Sep local) L2 L3 → week 1; L4 (10th) → week 2; L5 (15th), L6 (Sunday 20th) → week 3.
        report.Periods.Select(p => p.StageCounts[0]).ShouldBe([3, 1, 2, 0, 0]);
    }

    [Fact]
    public void An_MQL_still_inside_its_service_level_window_is_pending_not_late()
    {
        var mqlAt = Utc(10, 10, 10);
        LeadFunnel[] leads = [new(mqlAt, MqlAt: mqlAt, MqlVersion: 1), new(mqlAt, MqlAt: mqlAt.AddHours(-30), MqlVersion: 1)];

        var report = KpiCalculator.Calculate(
            leads, SamplePlaybooks.B2BSaas(), KpiPeriod.Month, new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1), Berlin, mqlAt.AddHours(5));

        report.Total.ServiceLevel.ShouldBe(new ServiceLevelKpi(24, 1, 0, 1));
    }

    [Fact]
    public void Each_MQL_is_judged_against_the_service_level_of_the_version_in_force_when_it_became_an_MQL()
    {
        // v1 agreed 24 h, v2 (current) 6 h. Both leads were first contacted 10 h after becoming MQL.
        var playbook = SamplePlaybooks.B2BSaas();
        var current = playbook with { Handoff = playbook.Handoff with { ServiceLevelHours = 6 } };
        LeadFunnel underV1 = new(Utc(10, 1, 10), MqlAt: Utc(10, 2, 10), MqlVersion: 1, FirstContactAt: Utc(10, 2, 20));
        LeadFunnel underV2 = new(Utc(10, 20, 10), MqlAt: Utc(10, 21, 10), MqlVersion: 2, FirstContactAt: Utc(10, 21, 20));
        var hours = new Dictionary<int, double> { [1] = 24, [2] = 6 };

        var report = KpiCalculator.Calculate([underV1, underV2], current, KpiPeriod.Week, new DateOnly(2026, 9, 28), new DateOnly(2026, 10, 26), Berlin, AsOf, hours);

        var v1 = report.Total.ByVersion.Single(v => v.Version == 1);
        var v2 = report.Total.ByVersion.Single(v => v.Version == 2);
        v1.ServiceLevel.ShouldBe(new ServiceLevelKpi(24, 1, 1, 0));   // 10 h ≤ 24 h: within, as agreed then
        v2.ServiceLevel.ShouldBe(new ServiceLevelKpi(6, 1, 0, 0));    // 10 h > 6 h: late (the allowed control of today's SLA)
        report.Total.ServiceLevel.ShouldBe(new ServiceLevelKpi(null, 2, 1, 0));   // judged against two service levels
        report.Periods.Single(p => p.ServiceLevel.Due == 1 && p.ServiceLevel.WithinServiceLevel == 1).ServiceLevel.ServiceLevelHours.ShouldBe(24);
        report.Periods.Single(p => p.ServiceLevel.Due == 1 && p.ServiceLevel.WithinServiceLevel == 0).ServiceLevel.ServiceLevelHours.ShouldBe(6);
    }

    [Fact]
    public void The_period_that_has_not_ended_is_marked_incomplete_and_the_ones_before_are_complete()
    {
        // As of 15 Nov: September and October have ended, November has not.
        var report = KpiCalculator.Calculate(
            Fixture, SamplePlaybooks.B2BSaas(), KpiPeriod.Month, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 1), Berlin, AsOf);
        var ended = Monthly();

        report.Periods.Select(p => p.Complete).ShouldBe([true, true, false]);
        report.Total.Complete.ShouldBeFalse();
        ended.Periods.ShouldAllBe(p => p.Complete);
        ended.Total.Complete.ShouldBeTrue();
    }

    [Fact]
    public void An_empty_range_is_refused()
    {
        Should.Throw<ArgumentException>(() => KpiCalculator.Calculate(
            Fixture, SamplePlaybooks.B2BSaas(), KpiPeriod.Month, new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 1), Berlin, AsOf));
    }
}
