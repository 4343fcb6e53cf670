using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Proposals;

namespace SalesAlign.Application.Features.Proposals;

/// <summary>
/// Publishes an approved, up-to-date proposal as the next version — atomically: the version, the playbook's
/// current version, the proposal's status and the audit entry are one SaveChanges in one transaction. Two
/// concurrent publishes cannot both become v(n+1): the playbook's revision token (and the version's primary
/// key) make the second fail.
/// </summary>
[RequiresPermission(Permissions.Proposals.Publish)]
public sealed record PublishProposalCommand(Guid ProposalId, PublishRequest Request, int? ExpectedRevision = null) : ICommand<PublishResponse>;

internal sealed class PublishProposalValidator : AbstractValidator<PublishProposalCommand>
{
    public PublishProposalValidator()
    {
        RuleFor(c => c.Request.ChangeSummary).MaximumLength(2000).OverridePropertyName("/changeSummary");
        RuleFor(c => c.Request.OverrideJustification).MaximumLength(2000).OverridePropertyName("/overrideJustification");
    }
}

internal sealed class PublishProposalHandler(
    IAppDbContext db, ICurrentUser user, IAuditLog audit, ILiveEvents live, TimeProvider clock, PlaybookReadCache readCache, IAfterCommit afterCommit)
    : ICommandHandler<PublishProposalCommand, PublishResponse>
{
    private const int MaxSummaryLength = 2000;

    public async ValueTask<PublishResponse> Handle(PublishProposalCommand command, CancellationToken cancellationToken)
    {
        var actor = user.RequireMember();
        var state = await ProposalState.LoadAsync(db, command.ProposalId, tracking: true, cancellationToken);
        state.EnsureRevision(command.ExpectedRevision);
        var (proposal, playbook) = (state.Proposal, state.Playbook);
        var before = state.AuditSnapshot();
        var from = proposal.Status;

        // An approved proposal never needs the override, so a justification sent with one is ignored, not recorded.
        var justification = proposal.Status == ProposalStatus.Approved ? null : command.Request.OverrideJustification?.Trim();
        proposal.EnsurePublishable(actor, state.CurrentVersion.Number, justification);

        var now = clock.GetUtcNow();
        var draft = state.Draft;
        var approvers = proposal.Reviews.Where(r => r.IsActiveApproval).Select(r => r.ReviewerId).Distinct(StringComparer.Ordinal);
        var version = new PlaybookVersion
        {
            PlaybookId = playbook.Id,
            Number = state.CurrentVersion.Number + 1,
            DocumentJson = PlaybookJson.Serialize(draft),
            ContentHash = PlaybookJson.ContentHash(draft),
            PublishedAt = now,
            PublishedBy = actor.UserId,
            ProposalId = proposal.Id,
            ApprovedBy = PlaybookMapping.JoinApprovers(approvers),
            OverrideJustification = justification,
            ChangeSummary = Truncate(command.Request.ChangeSummary ?? DefaultSummary(state)),
        };
        db.PlaybookVersions.Add(version);
        playbook.Publish(version.Number);
        // Stored leads are re-scored under the new version in the background (decision 0019); the job commits with
        // the version, so no version is published without one.
        db.LeadRescoreJobs.Add(new Domain.Leads.LeadRescoreJob
        {
            Id = Guid.CreateVersion7(now), PlaybookId = playbook.Id, Version = version.Number, Status = Domain.Leads.RescoreJobStatus.Pending, CreatedAt = now,
        });
        proposal.MarkPublished(version.Number, now);

        audit.Record(justification is null ? "proposal.published" : "proposal.published_with_override", "Proposal", proposal.Id.ToString(),
            before, new { proposal.Status, proposal.Revision, Version = version.Number, version.ContentHash, version.ApprovedBy, OverrideJustification = justification });
        live.PublishStatusChange(proposal, from, actor.UserId);
        live.Publish(new PlaybookPublishedData(version.Number, proposal.Id), actor.UserId, playbook.Id.ToString(), playbook.Revision);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException or DbUpdateException)
        {
            // Another proposal was published between our read and our write (revision token or version key).
            throw new ConflictException("proposal.stale", "Another version was published meanwhile; rebase this proposal and publish again.", ex);
        }

        // After commit: evicted earlier, a reader between eviction and commit would re-cache the old head for its lifetime.
        afterCommit.Enqueue(() => readCache.EvictHead(playbook.TenantId, playbook.Id));
        var versionDto = version.ToDto();
        var after = new ProposalState(proposal, playbook, state.BaseVersion, version);
        return new PublishResponse(after.ToDto(), versionDto);
    }

    private static string DefaultSummary(ProposalState state)
    {
        var descriptions = state.Changes().Select(c => c.Description).ToList();
        return descriptions.Count == 0 ? state.Proposal.Title : string.Join("; ", descriptions);
    }

    private static string Truncate(string summary) =>
        summary.Length <= MaxSummaryLength ? summary : summary[..(MaxSummaryLength - 1)] + "…";
}
