using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Scoring;
using SalesAlign.Contracts.Scoring;
using SalesAlign.Domain.Samples;

namespace SalesAlign.Api.Endpoints;

/// <summary>
/// Scoring, stored nothing: against a tenant's playbook (a version or a proposal's draft), and the sandbox — the
/// built-in sample playbook and scoring against it, open to anyone so a newcomer can try the engine before any
/// account exists.
/// </summary>
internal static class ScoringEndpoints
{
    public static void MapScoringEndpoints(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/api/v1/sample").WithTags("Sandbox").AllowAnonymous();

        sandbox.MapGet("/playbook", GetSamplePlaybook)
            .Produces<SalesAlign.Domain.Playbooks.PlaybookDocument>(StatusCodes.Status200OK, "application/json")
            .WithName("GetSamplePlaybook")
            .WithSummary("The built-in sample playbook (a B2B SaaS funnel with 40 rules).");

        sandbox.MapPost("/score", ScoreSampleLeads)
            .ForUseCase<ScoreSampleLeadsQuery>().WithName("ScoreSampleLeads")
            .WithSummary("Score one lead or a batch against the sample playbook, with the explanation of every rule.");

        app.MapTenantGroup("", "Leads")
            .MapPost("/playbooks/{playbookId:guid}/score", ScoreLeads)
            .ForUseCase<ScoreLeadsQuery>().WithName("ScoreLeads")
            .WithSummary("Score one lead or a batch against the current version, ?version=n, or ?proposal={id} (its draft), with the full explanation. Stores nothing.");
    }

    private static ContentHttpResult GetSamplePlaybook() => TypedResults.Text(SamplePlaybooks.B2BSaasJson, "application/json");

    private static async Task<Ok<ScoreLeadsResponse>> ScoreSampleLeads(ScoreLeadsRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ScoreSampleLeadsQuery(request), ct));

    private static async Task<Ok<ScoreLeadsResponse>> ScoreLeads(Guid playbookId, ScoreLeadsRequest request, int? version, Guid? proposal, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ScoreLeadsQuery(playbookId, request, version, proposal), ct));
}
