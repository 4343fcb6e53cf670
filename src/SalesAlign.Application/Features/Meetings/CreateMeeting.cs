using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Meetings;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Meetings;
using SalesAlign.Domain.Proposals;

namespace SalesAlign.Application.Features.Meetings;

/// <summary>
/// Plans a meeting on a playbook. The agenda is filled with every proposal of the playbook that is waiting
/// for a decision (InReview or Approved), oldest first, then one <see cref="AgendaItemKind.DisputedMqls"/> item per
/// rejection reason of the leads sales rejected in the 7 days before (most rejected first; decision 0023).
/// </summary>
[RequiresPermission(Permissions.Meetings.Manage)]
public sealed record CreateMeetingCommand(CreateMeetingRequest Request) : ICommand<MeetingDto>;

internal sealed class CreateMeetingValidator : AbstractValidator<CreateMeetingCommand>
{
    public CreateMeetingValidator()
    {
        RuleFor(c => c.Request.PlaybookId).NotEmpty().OverridePropertyName("/playbookId");
        RuleFor(c => c.Request.Title).NotEmpty().MaximumLength(200).OverridePropertyName("/title");
        RuleFor(c => c.Request.ScheduledFor).NotEmpty().OverridePropertyName("/scheduledFor");
        RuleFor(c => c.Request.Attendees).MustBeAttendeeList();
    }
}

internal sealed class CreateMeetingHandler(IAppDbContext db, ICurrentUser user, ITenantContext tenant, IAuditLog audit, ILiveEvents live, TimeProvider clock)
    : ICommandHandler<CreateMeetingCommand, MeetingDto>
{
    private static readonly ProposalStatus[] AwaitingDecision = [ProposalStatus.InReview, ProposalStatus.Approved];

    public async ValueTask<MeetingDto> Handle(CreateMeetingCommand command, CancellationToken cancellationToken)
    {
        var actor = user.RequireMember();
        var request = command.Request;
        if (!await db.Playbooks.AnyAsync(p => p.Id == request.PlaybookId, cancellationToken))
            throw new NotFoundException("Playbook", request.PlaybookId);
        await MeetingState.EnsureAttendeesAreMembersAsync(db, tenant, request.Attendees, cancellationToken);

        // Version 7 ids: ascending id is oldest first on every provider.
        var proposalIds = await db.Proposals
            .Where(p => p.PlaybookId == request.PlaybookId && AwaitingDecision.Contains(p.Status))
            .OrderBy(p => p.Id).Select(p => p.Id)
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var meeting = new Meeting
        {
            Id = Guid.CreateVersion7(),
            PlaybookId = request.PlaybookId,
            Title = request.Title.Trim(),
            ScheduledFor = request.ScheduledFor,
            Attendees = [.. request.Attendees ?? []],
            CreatedBy = actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var proposalId in proposalIds)
            meeting.AddProposalItem(proposalId);
        foreach (var dispute in await DisputedMqls.ByReasonAsync(db, request.PlaybookId, now, cancellationToken))
            meeting.AddDisputeItem(dispute.Reason);
        db.Meetings.Add(meeting);
        live.Publish(new MeetingUpdatedData(), actor.UserId, meeting.Id.ToString(), meeting.Revision);
        audit.Record("meeting.created", "Meeting", meeting.Id.ToString(), after: meeting.AuditSnapshot());
        await db.SaveChangesAsync(cancellationToken);
        return await MeetingState.ToDtoAsync(db, meeting, cancellationToken);
    }
}
