using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Proposals;

namespace SalesAlign.Api.Endpoints;

/// <summary>Proposals to change a playbook: open and list them under their playbook.</summary>
internal static class ProposalsEndpoints
{
    public static void MapProposalsEndpoints(this IEndpointRouteBuilder app)
    {
        var ofPlaybook = app.MapTenantGroup("/playbooks/{playbookId:guid}/proposals", "Playbooks");

        ofPlaybook.MapGet("", ListProposals)
            .ForUseCase<ListProposalsQuery>().WithName("ListProposals").WithSummary("Proposals of a playbook (paged, optionally by status).");

        ofPlaybook.MapPost("", CreateProposal)
            .ForUseCase<CreateProposalCommand>().WithName("CreateProposal").WithSummary("Open a proposal (the draft starts from the current version unless a document is given).");
    }

    private static async Task<Ok<Page<ProposalSummaryDto>>> ListProposals(Guid playbookId, string? status, string? cursor, int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListProposalsQuery(playbookId, status, cursor, limit), ct));

    private static async Task<Created<ProposalDto>> CreateProposal(string tenant, Guid playbookId, CreateProposalRequest request, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var proposal = await sender.Send(new CreateProposalCommand(playbookId, request), ct);
        Preconditions.SetETag(response, proposal.Revision);
        return TypedResults.Created($"/api/v1/t/{tenant}/proposals/{proposal.Id}", proposal);
    }
}
