using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Meetings;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Meetings;

namespace SalesAlign.Application.Features.Meetings;

/// <summary>
/// Edits a meeting based on <c>ExpectedRevision</c> (the client's If-Match): title, time, attendees, minutes,
/// agenda order and status, as one revision. A closed meeting is read-only.
/// </summary>
[RequiresPermission(Permissions.Meetings.Manage)]
public sealed record UpdateMeetingCommand(Guid MeetingId, int ExpectedRevision, UpdateMeetingRequest Request) : ICommand<MeetingDto>;

internal sealed class UpdateMeetingValidator : AbstractValidator<UpdateMeetingCommand>
{
    public UpdateMeetingValidator()
    {
        RuleFor(c => c.ExpectedRevision).GreaterThan(0).OverridePropertyName("/ifMatch");
        RuleFor(c => c.Request.Title).NotEmpty().MaximumLength(200).When(c => c.Request.Title is not null).OverridePropertyName("/title");
        RuleFor(c => c.Request.Minutes).MaximumLength(Meeting.MaxMinutesLength).OverridePropertyName("/minutes");
        RuleFor(c => c.Request.Attendees).MustBeAttendeeList();
        RuleFor(c => c.Request.Status)
            .Must(s => s is null || MeetingState.TryParseStatus(s, out _))
            .OverridePropertyName("/status")
            .WithErrorCode("meeting.status_unknown")
            .WithMessage($"status is one of {string.Join(", ", MeetingStatuses.All)}.");
    }
}

internal sealed class UpdateMeetingHandler(IAppDbContext db, ICurrentUser user, ITenantContext tenant, IAuditLog audit, ILiveEvents live, TimeProvider clock)
    : ICommandHandler<UpdateMeetingCommand, MeetingDto>
{
    public async ValueTask<MeetingDto> Handle(UpdateMeetingCommand command, CancellationToken cancellationToken)
    {
        var actor = user.RequireMember();
        var request = command.Request;
        var meeting = await MeetingState.LoadAsync(db, command.MeetingId, tracking: true, cancellationToken);
        meeting.EnsureRevision(command.ExpectedRevision);
        if (request.Agenda is { } order && !meeting.IsAgendaPermutation(order))
            throw new ValidationException([new ValidationFailure("/agenda", "agenda must list every agenda item id of this meeting exactly once, in the new order.")
                { ErrorCode = "meeting.agenda_not_permutation" }]);
        await MeetingState.EnsureAttendeesAreMembersAsync(db, tenant, request.Attendees, cancellationToken);
        var before = meeting.AuditSnapshot();
        MeetingStatus? status = MeetingState.TryParseStatus(request.Status, out var parsed) ? parsed : null;

        meeting.Revise(request.Title?.Trim(), request.ScheduledFor, request.Attendees, request.Minutes, request.Agenda, status, clock.GetUtcNow());

        live.Publish(new MeetingUpdatedData(), actor.UserId, meeting.Id.ToString(), meeting.Revision);
        audit.Record("meeting.updated", "Meeting", meeting.Id.ToString(), before, meeting.AuditSnapshot());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            // Another editor landed between our read and our write: the client's If-Match is stale now.
            throw new PreconditionFailedException("Meeting", command.ExpectedRevision, command.ExpectedRevision + 1, ex);
        }
        return await MeetingState.ToDtoAsync(db, meeting, cancellationToken);
    }
}
