using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Analytics;
using SalesAlign.Contracts.Analytics;

namespace SalesAlign.Api.Endpoints;

/// <summary>Analytics: a proposal's impact on the recorded leads, and the funnel's KPIs.</summary>
internal static class AnalyticsEndpoints
{
    public static void MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapTenantGroup("/proposals/{proposalId:guid}", "Proposals")
            .MapGet("/impact", GetProposalImpact)
            .ForUseCase<GetProposalImpactQuery>().WithName("GetProposalImpact")
            .WithSummary("What the draft would do to the tenant's recorded leads; 202 with progress while a large tenant's preview is computed.");

        app.MapTenantGroup("/kpis", "Analytics")
            .MapGet("", GetKpis)
            .ForUseCase<GetKpisQuery>().WithName("GetKpis")
            .WithSummary("Funnel counts and conversion rates per week or month against the playbook's targets (?playbook=&from=&to=&period=).");
    }

    private static async Task<Results<Ok<ProposalImpactDto>, Accepted<ProposalImpactDto>>> GetProposalImpact(Guid proposalId, ISender sender, CancellationToken ct)
    {
        var impact = await sender.Send(new GetProposalImpactQuery(proposalId), ct);
        return impact.Status == "computing"
            ? TypedResults.Accepted((string?)null, impact)
            : TypedResults.Ok(impact);
    }

    private static async Task<Ok<KpiReportDto>> GetKpis(Guid? playbook, string? from, string? to, string? period, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetKpisQuery(playbook, from, to, period), ct));
}
