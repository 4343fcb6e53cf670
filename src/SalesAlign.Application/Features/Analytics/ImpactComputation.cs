using System.Diagnostics;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Features.Scoring;
using SalesAlign.Contracts.Analytics;
using SalesAlign.Domain.Analytics;
using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Application.Features.Analytics;

/// <summary>Everything an impact preview is computed from, read once from the database by the query.</summary>
internal sealed record ImpactTarget(
    ImpactKey Key,
    Guid PlaybookId,
    int BaseVersion,
    string BaseHash,
    PlaybookDocument BaseDocument,
    PlaybookDocument Draft,
    TimeZoneInfo TimeZone);

/// <summary>The two steps of a preview: load and bind (needs the database), then analyze (CPU only, all cores).</summary>
internal static class ImpactComputation
{
    /// <summary>What analysis needs, and how long loading (database and projection) and binding took, in ms.</summary>
    public sealed record Prepared(ImpactTarget Target, LeadSnapshot Leads, ImpactInput Input, Stopwatch Clock, long LoadMilliseconds, long BindMilliseconds);

    public static async Task<Prepared> PrepareAsync(IAppDbContext db, AnalyticsCache cache, ImpactTarget target, DateTimeOffset asOf, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var basePlaybook = cache.Compiled(target.BaseHash, target.BaseDocument);
        var draft = cache.Compiled(PlaybookJson.ContentHash(target.Draft), target.Draft);
        var leads = await cache.LeadsAsync(db, target.Key.TenantId, target.PlaybookId, target.Key.LeadDataVersion, ct);
        var loaded = clock.ElapsedMilliseconds;
        var baseLeads = leads.BoundTo(basePlaybook);
        var draftLeads = leads.BoundTo(draft);
        return new Prepared(target, leads, new ImpactInput(basePlaybook, baseLeads, draft, draftLeads, leads.Funnels, asOf, target.TimeZone), clock,
            loaded, clock.ElapsedMilliseconds - loaded);
    }

    public static ImpactReportDto Analyze(Prepared prepared, Action<int>? progress, CancellationToken ct)
    {
        var report = ImpactAnalyzer.Analyze(prepared.Input, progress, ct);
        return ToDto(report, prepared, prepared.Clock.ElapsedMilliseconds);
    }

    private static ImpactReportDto ToDto(ImpactReport report, Prepared prepared, long milliseconds)
    {
        var target = prepared.Target;
        var leads = prepared.Leads;
        return new ImpactReportDto(
            target.BaseVersion, target.Key.Revision, target.Key.LeadDataVersion, report.AsOf, report.Leads, report.Unscorable,
            report.BaseMqls, report.DraftMqls, report.Changed, report.NewlyMql, report.NoLongerMql, report.GradeUp, report.GradeDown,
            [.. report.Months.Select(m => new ImpactMonthDto($"{m.Year:0000}-{m.Month:00}", m.Leads, m.BaseMqls, m.DraftMqls))],
            History(report.NewlyMqlHistory), History(report.NoLongerMqlHistory),
            [.. report.Sample.Select(s => new ImpactSampleDto(
                leads.Ids[s.LeadIndex], leads.ExternalIds[s.LeadIndex], [.. s.Changes.Select(ChangeName)],
                s.Before.ToDto(leads.ExternalIds[s.LeadIndex]), s.After.ToDto(leads.ExternalIds[s.LeadIndex])))],
            milliseconds);
    }

    private static ConversionHistoryDto History(ConversionHistory history) =>
        new(history.Leads, history.ToSql.ToDto(), history.ToOpportunity.ToDto(), history.ToWon.ToDto());

    private static string ChangeName(ImpactChange change) => change switch
    {
        ImpactChange.NewlyMql => "newlyMql",
        ImpactChange.NoLongerMql => "noLongerMql",
        ImpactChange.GradeUp => "gradeUp",
        _ => "gradeDown",
    };
}
