using SalesAlign.Domain.Analytics;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Samples;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Domain.Tests.Analytics;

public sealed class ImpactAnalyzerTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly PlaybookDocument Sample = SamplePlaybooks.B2BSaas();
    private static readonly (LeadData[] Data, LeadFunnel[] Funnels) Leads = AnalyticsLeads.Generate(Sample, 6_000);

    private static ImpactReport Analyze(PlaybookDocument draftDocument, int sample = 5)
    {
        var basePlaybook = CompiledPlaybook.Compile(Sample);
        var draft = CompiledPlaybook.Compile(draftDocument);
        var baseLeads = LeadBinding.BindAll(basePlaybook, Leads.Data);
        var draftLeads = LeadBinding.ShapeOf(Sample) == LeadBinding.ShapeOf(draftDocument) ? baseLeads : LeadBinding.BindAll(draft, Leads.Data);
        return ImpactAnalyzer.Analyze(new ImpactInput(basePlaybook, baseLeads, draft, draftLeads, Leads.Funnels, AnalyticsLeads.Now, Berlin)
        {
            SamplePerChange = sample,
        });
    }

    [Fact]
    public void Identical_playbooks_change_nothing()
    {
        var report = Analyze(Sample);

        report.Leads.ShouldBe(6_000);
        report.Unscorable.ShouldBe(0);
        report.BaseMqls.ShouldBeGreaterThan(0);
        report.DraftMqls.ShouldBe(report.BaseMqls);
        (report.Changed, report.NewlyMql, report.NoLongerMql, report.GradeUp, report.GradeDown).ShouldBe((0, 0, 0, 0, 0));
        report.Sample.ShouldBeEmpty();
        report.Months.ShouldAllBe(m => m.BaseMqls == m.DraftMqls);
    }

    [Fact]
    public void Raising_the_MQL_threshold_only_removes_MQLs()
    {
        var report = Analyze(AnalyticsLeads.ShiftEngagementThreshold(Sample, 15));

        report.NoLongerMql.ShouldBeGreaterThan(0);
        report.NewlyMql.ShouldBe(0);
        (report.GradeUp, report.GradeDown).ShouldBe((0, 0));
        report.DraftMqls.ShouldBe(report.BaseMqls - report.NoLongerMql);
        report.Changed.ShouldBe(report.NoLongerMql);
        report.Sample.Count.ShouldBe(5);
        report.Sample.ShouldAllBe(s => s.Changes.Single() == ImpactChange.NoLongerMql && s.Before.IsMql && !s.After.IsMql);
        report.Months.ShouldAllBe(m => m.DraftMqls <= m.BaseMqls);
    }

    [Fact]
    public void Lowering_the_MQL_threshold_only_adds_MQLs()
    {
        var report = Analyze(AnalyticsLeads.ShiftEngagementThreshold(Sample, -15));

        report.NewlyMql.ShouldBeGreaterThan(0);
        report.NoLongerMql.ShouldBe(0);
        report.DraftMqls.ShouldBe(report.BaseMqls + report.NewlyMql);
        report.Sample.ShouldAllBe(s => !s.Before.IsMql && s.After.IsMql);
    }

    [Fact]
    public void Every_count_agrees_with_scoring_each_lead_one_by_one()
    {
        var draftDocument = AnalyticsLeads.ShiftEngagementThreshold(Sample, 10) with
        {
            Icp = Sample.Icp with { Criteria = [.. Sample.Icp.Criteria.Select(c => c with { Points = c.Points * 1.3 })] },
        };

        var report = Analyze(draftDocument, sample: 3);

        var basePlaybook = CompiledPlaybook.Compile(Sample);
        var draft = CompiledPlaybook.Compile(draftDocument);
        var rows = Leads.Data.Select((lead, i) =>
        {
            var funnel = Leads.Funnels[i];
            var lastEvent = lead.Events.Count == 0 ? funnel.CreatedAt : lead.Events.Max(e => e.OccurredAt);
            var at = new[] { funnel.CreatedAt, lastEvent }.Max();
            at = at > AnalyticsLeads.Now ? AnalyticsLeads.Now : at;
            return (Index: i, Funnel: funnel, Before: basePlaybook.Score(lead, at).Score!, After: draft.Score(lead, at).Score!);
        }).ToList();
        var entered = rows.Where(r => !r.Before.IsMql && r.After.IsMql).ToList();
        var left = rows.Where(r => r.Before.IsMql && !r.After.IsMql).ToList();
        var up = rows.Where(r => string.CompareOrdinal(r.After.FitGrade, r.Before.FitGrade) < 0).ToList();
        var down = rows.Where(r => string.CompareOrdinal(r.After.FitGrade, r.Before.FitGrade) > 0).ToList();

        report.BaseMqls.ShouldBe(rows.Count(r => r.Before.IsMql));
        report.DraftMqls.ShouldBe(rows.Count(r => r.After.IsMql));
        report.NewlyMql.ShouldBe(entered.Count);
        report.NoLongerMql.ShouldBe(left.Count);
        report.GradeUp.ShouldBe(up.Count);
        report.GradeUp.ShouldBeGreaterThan(0);
        report.GradeDown.ShouldBe(down.Count);
        report.Changed.ShouldBe(rows.Count(r => r.Before.IsMql != r.After.IsMql || r.Before.FitGrade != r.After.FitGrade));
        report.NewlyMqlHistory.ShouldBe(History(entered.Select(r => r.Funnel)));
        report.NoLongerMqlHistory.ShouldBe(History(left.Select(r => r.Funnel)));
        report.NoLongerMqlHistory.ToSql.Converted.ShouldBeGreaterThan(0);

        var expectedSample = entered.Take(3).Concat(left.Take(3)).Concat(up.Take(3)).Concat(down.Take(3)).Select(r => r.Index).Distinct().Order();
        report.Sample.Select(s => s.LeadIndex).ShouldBe(expectedSample);
        var first = report.Sample[0];
        first.Before.ShouldBeEquivalentTo(rows[first.LeadIndex].Before);
        first.After.ShouldBeEquivalentTo(rows[first.LeadIndex].After);

        var months = Enumerable.Range(0, 6).Select(m => new DateTime(2026, 6, 1).AddMonths(m)).ToList();
        report.Months.Select(m => (m.Year, m.Month)).ShouldBe(months.Select(m => (m.Year, m.Month)));
        foreach (var month in report.Months)
        {
            var inMonth = rows.Where(r =>
            {
                var local = TimeZoneInfo.ConvertTime(r.Funnel.CreatedAt, Berlin);
                return local.Year == month.Year && local.Month == month.Month;
            }).ToList();
            month.ShouldBe(new ImpactMonth(month.Year, month.Month, inMonth.Count, inMonth.Count(r => r.Before.IsMql), inMonth.Count(r => r.After.IsMql)));
        }
    }

    private static ConversionHistory History(IEnumerable<LeadFunnel> funnels)
    {
        var list = funnels.ToList();
        return new ConversionHistory(list.Count,
            new Ratio(list.Count, list.Count(f => f.SqlAt <= AnalyticsLeads.Now)),
            new Ratio(list.Count, list.Count(f => f.OpportunityAt <= AnalyticsLeads.Now)),
            new Ratio(list.Count, list.Count(f => f.WonAt <= AnalyticsLeads.Now)));
    }

    [Fact]
    public void A_draft_that_drops_a_field_still_scores_every_lead_without_it()
    {
        var draftDocument = Sample with
        {
            Fields = [.. Sample.Fields.Where(f => f.Key != "title")],
            Icp = Sample.Icp with { Criteria = [.. Sample.Icp.Criteria.Where(c => !Mentions(c.Condition, "title"))] },
        };

        var report = Analyze(draftDocument);

        report.Unscorable.ShouldBe(0);
        report.Leads.ShouldBe(6_000);
    }

    [Fact]
    public void A_lead_that_cannot_be_bound_is_counted_as_unscorable()
    {
        var basePlaybook = CompiledPlaybook.Compile(Sample);
        var bound = LeadBinding.BindAll(basePlaybook, Leads.Data[..10]);
        bound[3] = null;

        var report = ImpactAnalyzer.Analyze(new ImpactInput(basePlaybook, bound, basePlaybook, bound, Leads.Funnels[..10], AnalyticsLeads.Now, Berlin));

        (report.Leads, report.Unscorable).ShouldBe((10, 1));
    }

    [Fact]
    public void Progress_reaches_the_lead_count()
    {
        var basePlaybook = CompiledPlaybook.Compile(Sample);
        var bound = LeadBinding.BindAll(basePlaybook, Leads.Data);
        var last = 0;

        ImpactAnalyzer.Analyze(new ImpactInput(basePlaybook, bound, basePlaybook, bound, Leads.Funnels, AnalyticsLeads.Now, Berlin),
            processed => InterlockedMax(ref last, processed));

        last.ShouldBe(6_000);
    }

    [Fact]
    public void Rescoring_counts_the_same_MQLs_as_scoring_one_by_one()
    {
        var playbook = CompiledPlaybook.Compile(Sample);
        var bound = LeadBinding.BindAll(playbook, Leads.Data);
        var scores = new ScoreSummary[bound.Length];

        var mqls = Rescoring.ScoreAll(playbook, bound, AnalyticsLeads.Now, scores);

        mqls.ShouldBe(Leads.Data.Count(l => playbook.Score(l, AnalyticsLeads.Now).Score!.IsMql));
        scores.Count(s => s.IsMql).ShouldBe(mqls);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static bool Mentions(Condition condition, string field) => condition switch
    {
        AllCondition all => all.Conditions.Any(c => Mentions(c, field)),
        AnyCondition any => any.Conditions.Any(c => Mentions(c, field)),
        NotCondition not => Mentions(not.Condition, field),
        ComparisonCondition c => c.Field == field,
        _ => false,
    };
}

public sealed class EmptyLeadSetTests
{
    [Fact]
    public void No_leads_give_an_empty_report_not_an_error()
    {
        var playbook = CompiledPlaybook.Compile(SamplePlaybooks.B2BSaas());
        var bound = LeadBinding.BindAll(playbook, []);

        var report = ImpactAnalyzer.Analyze(new ImpactInput(playbook, bound, playbook, bound, [], AnalyticsLeads.Now, TimeZoneInfo.Utc));

        (report.Leads, report.Changed, report.Months.Count).ShouldBe((0, 0, 6));
        Rescoring.ScoreAll(playbook, bound, AnalyticsLeads.Now, []).ShouldBe(0);
    }
}

public sealed class CompactTests
{
    [Fact]
    public void Compacted_leads_score_exactly_as_the_originals()
    {
        var playbook = CompiledPlaybook.Compile(SamplePlaybooks.B2BSaas());
        var (data, _) = AnalyticsLeads.Generate(playbook.Document, 500, seed: 3);
        var bound = LeadBinding.BindAll(playbook, data);
        bound[7] = null;

        var compact = LeadBinding.Compact(bound);

        compact[7].ShouldBeNull();
        for (var i = 0; i < bound.Length; i++)
        {
            if (bound[i] is null)
                continue;
            compact[i].ShouldNotBeSameAs(bound[i]);
            playbook.Explain(compact[i]!, AnalyticsLeads.Now).ShouldBeEquivalentTo(playbook.Explain(bound[i]!, AnalyticsLeads.Now));
        }
    }
}
