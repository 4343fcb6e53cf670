using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Scoring;
using SalesAlign.Contracts.Scoring;
using SalesAlign.Domain.Samples;

namespace SalesAlign.Api.Endpoints;

/// <summary>
/// The sandbox: the built-in sample playbook and scoring against it, open to anyone so a newcomer can try
/// the engine before any account exists. Tenant playbooks are scored under <c>/api/v1/t/{tenant}</c>.
/// </summary>
internal static class SampleEndpoints
{
    public static void MapSampleEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sample").WithTags("Sandbox").AllowAnonymous();

        group.MapGet("/playbook", () => TypedResults.Text(SamplePlaybooks.B2BSaasJson, "application/json"))
            .Produces<SalesAlign.Domain.Playbooks.PlaybookDocument>(StatusCodes.Status200OK, "application/json")
            .WithName("GetSamplePlaybook")
            .WithSummary("The built-in sample playbook (a B2B SaaS funnel with 40 rules).");

        group.MapPost("/score", async Task<Ok<ScoreLeadsResponse>> (ScoreLeadsRequest request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ScoreSampleLeadsQuery(request), ct)))
            .ForUseCase<ScoreSampleLeadsQuery>().WithName("ScoreSampleLeads")
            .WithSummary("Score one lead or a batch against the sample playbook, with the explanation of every rule.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }
}
