using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Contracts.Analytics;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Analytics;
using SalesAlign.Domain.Leads;

namespace SalesAlign.Application.Features.Analytics;

/// <summary>
/// A playbook's KPIs per week or month between two local dates (<c>yyyy-MM-dd</c>, <c>to</c> exclusive), against the
/// current version's targets; the service level of each MQL by the version in force when it became an MQL. Without dates: the last six calendar months including the current one (decision 0020).
/// </summary>
[RequiresPermission(Permissions.Playbooks.Read)]
public sealed record GetKpisQuery(Guid? PlaybookId, string? From = null, string? To = null, string? Period = null) : IQuery<KpiReportDto>;

internal sealed class GetKpisValidator : AbstractValidator<GetKpisQuery>
{
    public const int MaxDays = 731;

    public GetKpisValidator()
    {
        RuleFor(q => q.PlaybookId).NotEmpty().OverridePropertyName("/playbook")
            .WithMessage("'playbook' (the playbook's id) is required.");
        RuleFor(q => q.Period).Must(p => p is null or "week" or "month").OverridePropertyName("/period")
            .WithMessage("'period' is 'week' or 'month'.");
        RuleFor(q => q.From).Must(d => d is null || GetKpisHandler.TryDate(d, out _)).OverridePropertyName("/from")
            .WithMessage("'from' is a date, yyyy-MM-dd.");
        RuleFor(q => q.To).Must(d => d is null || GetKpisHandler.TryDate(d, out _)).OverridePropertyName("/to")
            .WithMessage("'to' is a date, yyyy-MM-dd.");
        RuleFor(q => q).Must(q => (q.From is null) == (q.To is null)).OverridePropertyName("/to")
            .WithMessage("Give both 'from' and 'to', or neither.");
        RuleFor(q => q)
            .Must(q => !GetKpisHandler.TryDate(q.From, out var from) || !GetKpisHandler.TryDate(q.To, out var to)
                || (from < to && to.DayNumber - from.DayNumber <= MaxDays))
            .OverridePropertyName("/to")
            .WithMessage($"'to' must be after 'from', at most {MaxDays} days later.");
    }
}

internal sealed class GetKpisHandler(IAppDbContext db, ITenantContext tenant, TimeProvider clock) : IQueryHandler<GetKpisQuery, KpiReportDto>
{
    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public async ValueTask<KpiReportDto> Handle(GetKpisQuery query, CancellationToken cancellationToken)
    {
        var playbookId = query.PlaybookId!.Value;
        var playbook = await db.Playbooks.AsNoTracking().Where(p => p.Id == playbookId)
            .Select(p => new { p.Id, p.CurrentVersionNumber }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Playbook", playbookId);
        var version = playbook.CurrentVersionNumber;
        var documentJson = await db.PlaybookVersions.AsNoTracking()
            .Where(v => v.PlaybookId == playbookId && v.Number == version)
            .Select(v => v.DocumentJson).SingleAsync(cancellationToken);
        var document = PlaybookMapping.ReadDocument(documentJson);

        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("A tenant route has a tenant.");
        var zoneId = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.TimeZone).SingleAsync(cancellationToken);
        var zone = AnalyticsMapping.TimeZoneOf(zoneId);
        var asOf = clock.GetUtcNow();

        DateOnly from, to;
        if (TryDate(query.From, out from) && TryDate(query.To, out to))
        {
        }
        else
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(asOf, zone).DateTime);
            to = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
            from = to.AddMonths(-6);
        }
        var period = query.Period == "week" ? KpiPeriod.Week : KpiPeriod.Month;

        var funnels = await db.Leads.AsNoTracking()
            .Where(l => l.PlaybookId == playbookId)
            .Select(l => new LeadFunnel(l.CreatedAt, l.MqlAt, l.MqlVersion, l.FirstContactAt, l.SqlAt, l.RejectedAt, l.RejectionReason,
                l.OpportunityAt, l.WonAt, l.LostAt, l.Amount))
            .ToListAsync(cancellationToken);

        // Each MQL is judged against the service level of the version in force when it became an MQL (issue 10 item 9).
        var versionsInUse = funnels.Where(f => f.MqlVersion is not null).Select(f => f.MqlVersion!.Value).Distinct().ToList();
        var earlier = await db.PlaybookVersions.AsNoTracking()
            .Where(v => v.PlaybookId == playbookId && versionsInUse.Contains(v.Number) && v.Number != version)
            .Select(v => new { v.Number, v.DocumentJson }).ToListAsync(cancellationToken);
        var hoursByVersion = earlier.ToDictionary(v => v.Number, v => PlaybookMapping.ReadDocument(v.DocumentJson).Handoff.ServiceLevelHours);
        if (version is { } current)
            hoursByVersion[current] = document.Handoff.ServiceLevelHours;

        var report = KpiCalculator.Calculate(funnels, document, period, from, to, zone, asOf, hoursByVersion);
        var stages = AnalyticsMapping.StageKeys.Select((key, i) => new FunnelStageDto(key, report.StageNames[i])).ToList();
        return new KpiReportDto(playbookId, version, report.From, report.To, query.Period ?? "month", zone.Id, asOf, stages,
            [.. report.Periods.Select(p => p.ToDto())], report.Total.ToDto());
    }
}
