using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Live;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Live;

namespace SalesAlign.Api.Endpoints;

/// <summary>The tenant's committed live events, for catching up (the hub pushes them as they happen).</summary>
internal static class LiveEndpoints
{
    public static void MapLiveEndpoints(this IEndpointRouteBuilder app) =>
        app.MapTenantGroup("/events", "Live")
            .MapGet("", ListEvents)
            .ForUseCase<ListEventsQuery>().WithName("ListEvents")
            .WithSummary("The tenant's committed events after a seq, in seq order (catch-up after a gap or a reconnect).");

    private static async Task<Ok<Page<LiveEventDto>>> ListEvents(long? after, int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListEventsQuery(after, limit), ct));
}
