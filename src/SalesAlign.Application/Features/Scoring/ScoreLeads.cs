using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Leads;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Contracts.Scoring;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Application.Features.Scoring;

/// <summary>
/// <c>POST /t/{tenant}/playbooks/{playbookId}/score</c>: scores one lead or a batch — the sandbox's code path — against the
/// current version, a given version (<c>?version=</c>) or a proposal's draft (<c>?proposal=</c>), with the full explanation.
/// Stores nothing. The compiled playbook comes from <see cref="CompiledPlaybookCache"/> (by content hash), never compiled per request.
/// </summary>
[RequiresPermission(Permissions.Scoring.Run)]
public sealed record ScoreLeadsQuery(Guid PlaybookId, ScoreLeadsRequest Request, int? Version = null, Guid? ProposalId = null) : IQuery<ScoreLeadsResponse>;

internal sealed class ScoreLeadsValidator : AbstractValidator<ScoreLeadsQuery>
{
    public ScoreLeadsValidator()
    {
        this.AddScoreRequestRules(q => q.Request);
        RuleFor(q => q).Must(q => q.Version is null || q.ProposalId is null)
            .OverridePropertyName("version").WithErrorCode("request.version_or_proposal")
            .WithMessage("Score against a version or a proposal's draft, not both.");
        RuleFor(q => q.Version).GreaterThan(0).OverridePropertyName("version");
    }
}

internal sealed class ScoreLeadsHandler(IAppDbContext db, ICurrentUser user, CompiledPlaybookCache cache, TimeProvider clock)
    : IQueryHandler<ScoreLeadsQuery, ScoreLeadsResponse>
{
    public async ValueTask<ScoreLeadsResponse> Handle(ScoreLeadsQuery query, CancellationToken cancellationToken)
    {
        var (compiled, hash) = await ResolveAsync(query, cancellationToken);
        return compiled.Score(hash, query.Request, clock.GetUtcNow());
    }

    private async Task<(Domain.Scoring.CompiledPlaybook, string)> ResolveAsync(ScoreLeadsQuery query, CancellationToken ct)
    {
        if (query.ProposalId is not { } proposalId)
        {
            var resolved = query.Version is { } number
                ? await LeadPlaybooks.VersionAsync(db, cache, await ExistingPlaybookAsync(query.PlaybookId, ct), number, ct)
                : await LeadPlaybooks.CurrentAsync(db, cache, query.PlaybookId, ct);
            return (resolved.Compiled, resolved.ContentHash);
        }

        // A draft is the proposal's to show: only callers who may read proposals may score against one.
        if (!user.Holds(Permissions.Proposals.Read))
            throw new ForbiddenException("permission_denied", "Scoring against a proposal's draft needs proposals.read.");
        var draft = await db.Proposals.AsNoTracking().Where(p => p.Id == proposalId && p.PlaybookId == query.PlaybookId)
            .Select(p => p.DraftJson).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Proposal", proposalId);
        var compiled = cache.GetDraft(draft);
        return (compiled.Playbook, compiled.ContentHash);
    }

    private async Task<Guid> ExistingPlaybookAsync(Guid playbookId, CancellationToken ct) =>
        await db.Playbooks.AsNoTracking().AnyAsync(p => p.Id == playbookId, ct) ? playbookId : throw new NotFoundException("Playbook", playbookId);
}
