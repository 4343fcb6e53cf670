using FluentValidation;
using Mediator;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Meetings;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Application.Features.Meetings;

/// <summary>The meeting with its agenda in order; each proposal item shows its status and who still has to approve.</summary>
[RequiresPermission(Permissions.Meetings.Read)]
public sealed record GetMeetingQuery(Guid MeetingId) : IQuery<MeetingDto>;

internal sealed class GetMeetingValidator : AbstractValidator<GetMeetingQuery>
{
    public GetMeetingValidator() => RuleFor(q => q.MeetingId).NotEmpty().OverridePropertyName("/meetingId");
}

internal sealed class GetMeetingHandler(IAppDbContext db) : IQueryHandler<GetMeetingQuery, MeetingDto>
{
    public async ValueTask<MeetingDto> Handle(GetMeetingQuery query, CancellationToken cancellationToken) =>
        await MeetingState.ToDtoAsync(db, await MeetingState.LoadAsync(db, query.MeetingId, tracking: false, cancellationToken), cancellationToken);
}
