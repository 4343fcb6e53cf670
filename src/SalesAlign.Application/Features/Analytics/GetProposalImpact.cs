using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Leads;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Analytics;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Application.Features.Analytics;

/// <summary>
/// What the proposal's draft would do to the tenant's recorded leads compared with its base version: inline up to
/// <see cref="AnalyticsOptions.ImpactInlineLeadLimit"/> leads, in the background above (decision 0022).
/// </summary>
[RequiresPermission(Permissions.Proposals.Read)]
public sealed record GetProposalImpactQuery(Guid ProposalId) : IQuery<ProposalImpactDto>;

internal sealed class GetProposalImpactValidator : AbstractValidator<GetProposalImpactQuery>
{
    public GetProposalImpactValidator() => RuleFor(q => q.ProposalId).NotEmpty().OverridePropertyName("/proposalId");
}

internal sealed class GetProposalImpactHandler(
    IAppDbContext db, ITenantContext tenant, ICurrentUser user, AnalyticsCache cache, ImpactJobs jobs, AnalyticsOptions options, TimeProvider clock,
    ILogger<GetProposalImpactHandler> logger)
    : IQueryHandler<GetProposalImpactQuery, ProposalImpactDto>
{
    public async ValueTask<ProposalImpactDto> Handle(GetProposalImpactQuery query, CancellationToken cancellationToken)
    {
        var state = await ProposalState.LoadAsync(db, query.ProposalId, tracking: false, cancellationToken);
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("A tenant route has a tenant.");
        var dataVersion = await db.LeadDataVersions.CurrentAsync(cancellationToken);
        var key = new ImpactKey(tenantId, state.Proposal.Id, state.Proposal.Revision, dataVersion);
        if (cache.TryGetImpact(key, out var cached))
            return Ready(cached! with { ComputeMilliseconds = 0 });

        var zone = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.TimeZone).SingleAsync(cancellationToken);
        var target = new ImpactTarget(key, state.Playbook.Id, state.BaseVersion.Number, state.BaseVersion.ContentHash, state.BaseDocument,
            state.Draft, AnalyticsMapping.TimeZoneOf(zone));

        var count = cache.CachedLeadCount(tenantId, state.Playbook.Id, dataVersion)
            ?? await db.Leads.CountAsync(l => l.PlaybookId == state.Playbook.Id, cancellationToken);
        if (count > options.ImpactInlineLeadLimit)
        {
            var job = jobs.Start(target, count, tenant.Slug!, user.UserId ?? "system");
            if (job.Status == ImpactStatus.Failed)
                jobs.Forget(key);
            // It may have finished between the cache check and now.
            return cache.TryGetImpact(key, out cached) ? Ready(cached!) : job.ToDto();
        }

        var prepared = await ImpactComputation.PrepareAsync(db, cache, target, clock.GetUtcNow(), cancellationToken);
        var report = ImpactComputation.Analyze(prepared, null, cancellationToken);
        logger.ImpactComputed(state.Proposal.Id, report.Leads, prepared.LoadMilliseconds, prepared.BindMilliseconds,
            report.ComputeMilliseconds - prepared.LoadMilliseconds - prepared.BindMilliseconds);
        cache.SetImpact(key, report);
        return Ready(report);
    }

    private static ProposalImpactDto Ready(ImpactReportDto report) => new(ImpactStatus.Ready, report.Leads, report.Leads, report);
}

internal static partial class ImpactLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Impact preview of proposal {ProposalId}: {Leads} leads; load {LoadMs} ms, parse and bind {BindMs} ms, analyze {AnalyzeMs} ms.")]
    public static partial void ImpactComputed(this ILogger logger, Guid proposalId, int leads, long loadMs, long bindMs, long analyzeMs);
}
