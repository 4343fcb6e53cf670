using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Live;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Live;

namespace SalesAlign.Api.Endpoints;

internal static class LiveEndpoints
{
    public static void MapLiveEndpoints(this IEndpointRouteBuilder app) =>
        app.MapTenantGroup("/events", "Live")
            .MapGet("", async Task<Ok<Page<LiveEventDto>>> (long? after, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListEventsQuery(after, limit), ct)))
            .ForUseCase<ListEventsQuery>().WithName("ListEvents")
            .WithSummary("The tenant's committed events after a seq, in seq order (catch-up after a gap or a reconnect).");
}
