using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Audit;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Api.Endpoints;

/// <summary>The tenant's audit log.</summary>
internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app) =>
        app.MapTenantGroup("/audit", "Audit")
            .MapGet("", ListAuditEntries)
            .ForUseCase<ListAuditEntriesQuery>().WithName("ListAuditEntries").WithSummary("The tenant's audit log, newest first.");

    private static async Task<Ok<Page<AuditEntryDto>>> ListAuditEntries(string? cursor, int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListAuditEntriesQuery(cursor, limit), ct));
}
