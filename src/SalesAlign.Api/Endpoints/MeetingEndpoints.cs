using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Meetings;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Meetings;

namespace SalesAlign.Api.Endpoints;

internal static class MeetingEndpoints
{
    public static void MapMeetingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("/meetings", "Meetings");

        group.MapGet("", async Task<Ok<Page<MeetingSummaryDto>>> (string? cursor, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMeetingsQuery(cursor, limit), ct)))
            .ForUseCase<ListMeetingsQuery>().WithName("ListMeetings").WithSummary("Meetings of the tenant, newest first (paged).");

        group.MapPost("", async Task<Created<MeetingDto>> (string tenant, CreateMeetingRequest request, ISender sender, HttpResponse response, CancellationToken ct) =>
            {
                var meeting = await sender.Send(new CreateMeetingCommand(request), ct);
                Preconditions.SetETag(response, meeting.Revision);
                return TypedResults.Created($"/api/v1/t/{tenant}/meetings/{meeting.Id}", meeting);
            })
            .ForUseCase<CreateMeetingCommand>().WithName("CreateMeeting").WithSummary("Plan a meeting; the agenda is filled with the playbook's proposals awaiting a decision.");

        group.MapGet("/{meetingId:guid}", async Task<Ok<MeetingDto>> (Guid meetingId, ISender sender, HttpResponse response, CancellationToken ct) =>
                WithETag(response, await sender.Send(new GetMeetingQuery(meetingId), ct)))
            .ForUseCase<GetMeetingQuery>().WithName("GetMeeting").WithSummary("A meeting with its agenda and each proposal's approval state; ETag = revision.");

        group.MapPatch("/{meetingId:guid}", async Task<Ok<MeetingDto>> (Guid meetingId, UpdateMeetingRequest request, HttpRequest http, ISender sender, CancellationToken ct) =>
                WithETag(http.HttpContext.Response, await sender.Send(new UpdateMeetingCommand(meetingId, Preconditions.RequiredIfMatch(http), request), ct)))
            .ForUseCase<UpdateMeetingCommand>().WithName("UpdateMeeting").WithSummary("Title, time, attendees, minutes, agenda order, status; requires If-Match.");

        group.MapPost("/{meetingId:guid}/decisions", async Task<Ok<MeetingDto>> (Guid meetingId, RecordDecisionRequest request, HttpRequest http, ISender sender, CancellationToken ct) =>
                WithETag(http.HttpContext.Response, await sender.Send(new RecordDecisionCommand(meetingId, request, Preconditions.IfMatch(http)), ct)))
            .ForUseCase<RecordDecisionCommand>().WithName("RecordMeetingDecision").WithSummary("Decide an agenda item; approve/reject are recorded as your review of the proposal.");
    }

    private static Ok<MeetingDto> WithETag(HttpResponse response, MeetingDto meeting)
    {
        Preconditions.SetETag(response, meeting.Revision);
        return TypedResults.Ok(meeting);
    }
}
