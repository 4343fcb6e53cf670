using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Proposals;

namespace SalesAlign.Api.Endpoints;

internal static class PlaybookEndpoints
{
    public static void MapPlaybookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("/playbooks", "Playbooks");

        group.MapGet("", async Task<Ok<Page<PlaybookSummaryDto>>> (string? cursor, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListPlaybooksQuery(cursor, limit), ct)))
            .ForUseCase<ListPlaybooksQuery>().WithName("ListPlaybooks").WithSummary("Playbooks of the tenant (paged).");

        group.MapPost("", async Task<Created<PlaybookDto>> (string tenant, CreatePlaybookRequest request, ISender sender, CancellationToken ct) =>
            {
                var playbook = await sender.Send(new CreatePlaybookCommand(request), ct);
                return TypedResults.Created($"/api/v1/t/{tenant}/playbooks/{playbook.Id}", playbook);
            })
            .ForUseCase<CreatePlaybookCommand>().WithName("CreatePlaybook").WithSummary("Create a playbook; its document is published as v1.");

        group.MapGet("/{playbookId:guid}", async Task<Results<Ok<PlaybookDto>, StatusCodeHttpResult>> (Guid playbookId, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var playbook = await sender.Send(new GetPlaybookQuery(playbookId), ct);
                Preconditions.SetETag(http.Response, playbook.Revision);
                // Integrations poll the agreement: an unchanged one costs them (and us) no body.
                return Preconditions.IfNoneMatch(http.Request, playbook.Revision)
                    ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
                    : TypedResults.Ok(playbook);
            })
            .ForUseCase<GetPlaybookQuery>().WithName("GetPlaybook").WithSummary("A playbook with its current version.");

        group.MapGet("/{playbookId:guid}/versions", async Task<Ok<Page<VersionSummaryDto>>> (Guid playbookId, string? cursor, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListVersionsQuery(playbookId, cursor, limit), ct)))
            .ForUseCase<ListVersionsQuery>().WithName("ListVersions").WithSummary("Published versions, newest first.");

        group.MapGet("/{playbookId:guid}/versions/{n:int}", async Task<Ok<VersionDto>> (Guid playbookId, int n, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetVersionQuery(playbookId, n), ct)))
            .ForUseCase<GetVersionQuery>().WithName("GetVersion").WithSummary("One published version with its document.");

        group.MapGet("/{playbookId:guid}/versions/{a:int}/diff/{b:int}", async Task<Ok<DiffDto>> (Guid playbookId, int a, int b, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DiffVersionsQuery(playbookId, a, b), ct)))
            .ForUseCase<DiffVersionsQuery>().WithName("DiffVersions").WithSummary("What changed between two versions, in plain words.");

        group.MapGet("/{playbookId:guid}/proposals", async Task<Ok<Page<ProposalSummaryDto>>> (Guid playbookId, string? status, string? cursor, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListProposalsQuery(playbookId, status, cursor, limit), ct)))
            .ForUseCase<ListProposalsQuery>().WithName("ListProposals").WithSummary("Proposals of a playbook (paged, optionally by status).");

        group.MapPost("/{playbookId:guid}/proposals", async Task<Created<ProposalDto>> (string tenant, Guid playbookId, CreateProposalRequest request, ISender sender, HttpResponse response, CancellationToken ct) =>
            {
                var proposal = await sender.Send(new CreateProposalCommand(playbookId, request), ct);
                Preconditions.SetETag(response, proposal.Revision);
                return TypedResults.Created($"/api/v1/t/{tenant}/proposals/{proposal.Id}", proposal);
            })
            .ForUseCase<CreateProposalCommand>().WithName("CreateProposal").WithSummary("Open a proposal (the draft starts from the current version unless a document is given).");
    }
}
