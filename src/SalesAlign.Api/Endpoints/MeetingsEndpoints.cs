using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Meetings;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Meetings;

namespace SalesAlign.Api.Endpoints;

/// <summary>Alignment meetings: plan, read, edit (If-Match), decide agenda items.</summary>
internal static class MeetingsEndpoints
{
    public static void MapMeetingsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("/meetings", "Meetings");

        group.MapGet("", ListMeetings)
            .ForUseCase<ListMeetingsQuery>().WithName("ListMeetings").WithSummary("Meetings of the tenant, newest first (paged).");

        group.MapPost("", CreateMeeting)
            .ForUseCase<CreateMeetingCommand>().WithName("CreateMeeting").WithSummary("Plan a meeting; the agenda is filled with the playbook's proposals awaiting a decision.");

        group.MapGet("/{meetingId:guid}", GetMeeting)
            .ForUseCase<GetMeetingQuery>().WithName("GetMeeting").WithSummary("A meeting with its agenda and each proposal's approval state; ETag = revision.");

        group.MapPatch("/{meetingId:guid}", UpdateMeeting)
            .ForUseCase<UpdateMeetingCommand>().WithName("UpdateMeeting").WithSummary("Title, time, attendees, minutes, agenda order, status; requires If-Match.");

        group.MapPost("/{meetingId:guid}/decisions", RecordMeetingDecision)
            .ForUseCase<RecordDecisionCommand>().WithName("RecordMeetingDecision").WithSummary("Decide an agenda item; approve/reject are recorded as your review of the proposal.");
    }

    private static async Task<Ok<Page<MeetingSummaryDto>>> ListMeetings(string? cursor, int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListMeetingsQuery(cursor, limit), ct));

    private static async Task<Created<MeetingDto>> CreateMeeting(string tenant, CreateMeetingRequest request, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var meeting = await sender.Send(new CreateMeetingCommand(request), ct);
        Preconditions.SetETag(response, meeting.Revision);
        return TypedResults.Created($"/api/v1/t/{tenant}/meetings/{meeting.Id}", meeting);
    }

    private static async Task<Ok<MeetingDto>> GetMeeting(Guid meetingId, ISender sender, HttpResponse response, CancellationToken ct) =>
        WithETag(response, await sender.Send(new GetMeetingQuery(meetingId), ct));

    private static async Task<Ok<MeetingDto>> UpdateMeeting(Guid meetingId, UpdateMeetingRequest request, HttpRequest http, ISender sender, CancellationToken ct) =>
        WithETag(http.HttpContext.Response, await sender.Send(new UpdateMeetingCommand(meetingId, Preconditions.RequiredIfMatch(http), request), ct));

    private static async Task<Ok<MeetingDto>> RecordMeetingDecision(Guid meetingId, RecordDecisionRequest request, HttpRequest http, ISender sender, CancellationToken ct) =>
        WithETag(http.HttpContext.Response, await sender.Send(new RecordDecisionCommand(meetingId, request, Preconditions.IfMatch(http)), ct));

    private static Ok<MeetingDto> WithETag(HttpResponse response, MeetingDto meeting)
    {
        Preconditions.SetETag(response, meeting.Revision);
        return TypedResults.Ok(meeting);
    }
}
