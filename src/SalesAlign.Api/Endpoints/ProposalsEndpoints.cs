using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Proposals;

namespace SalesAlign.Api.Endpoints;

/// <summary>
/// Proposals to change a playbook: open and list them under their playbook; read, edit (If-Match), submit, review,
/// publish, withdraw, rebase and diff one.
/// </summary>
internal static class ProposalsEndpoints
{
    public static void MapProposalsEndpoints(this IEndpointRouteBuilder app)
    {
        var ofPlaybook = app.MapTenantGroup("/playbooks/{playbookId:guid}/proposals", "Playbooks");

        ofPlaybook.MapGet("", ListProposals)
            .ForUseCase<ListProposalsQuery>().WithName("ListProposals").WithSummary("Proposals of a playbook (paged, optionally by status).");

        ofPlaybook.MapPost("", CreateProposal)
            .ForUseCase<CreateProposalCommand>().WithName("CreateProposal").WithSummary("Open a proposal (the draft starts from the current version unless a document is given).");

        var group = app.MapTenantGroup("/proposals/{proposalId:guid}", "Proposals");

        group.MapGet("", GetProposal)
            .ForUseCase<GetProposalQuery>().WithName("GetProposal").WithSummary("A proposal with its draft, reviews and who still has to approve; ETag = revision.");

        group.MapPatch("", UpdateProposal)
            .Accepts<UpdateProposalRequest>("application/json", ProposalPatch.JsonPatchMediaType)
            .ForUseCase<UpdateProposalCommand>().WithName("UpdateProposal")
            .WithSummary("New title, rationale or draft (application/json), or a JSON Patch of the draft (application/json-patch+json); requires If-Match.");

        group.MapPost("/submit", SubmitProposal)
            .ForUseCase<SubmitProposalCommand>().WithName("SubmitProposal").WithSummary("Send a draft (or a proposal with requested changes) to review.");

        group.MapPost("/reviews", ReviewProposal)
            .ForUseCase<ReviewProposalCommand>().WithName("ReviewProposal").WithSummary("Approve, request changes or reject.");

        group.MapPost("/publish", PublishProposal)
            .ForUseCase<PublishProposalCommand>().WithName("PublishProposal").WithSummary("Publish an approved proposal as the next version, atomically.");

        group.MapPost("/withdraw", WithdrawProposal)
            .ForUseCase<WithdrawProposalCommand>().WithName("WithdrawProposal").WithSummary("Withdraw (the author or an Admin).");

        group.MapPost("/rebase", RebaseProposal)
            .ForUseCase<RebaseProposalCommand>().WithName("RebaseProposal").WithSummary("Three-way merge onto the current version; conflicts are returned to resolve.");

        group.MapGet("/diff", GetProposalDiff)
            .ForUseCase<GetProposalDiffQuery>().WithName("GetProposalDiff").WithSummary("The draft against its base version, in plain words.");
    }

    private static async Task<Ok<Page<ProposalSummaryDto>>> ListProposals(Guid playbookId, string? status, string? cursor, int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListProposalsQuery(playbookId, status, cursor, limit), ct));

    private static async Task<Created<ProposalDto>> CreateProposal(string tenant, Guid playbookId, CreateProposalRequest request, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var proposal = await sender.Send(new CreateProposalCommand(playbookId, request), ct);
        Preconditions.SetETag(response, proposal.Revision);
        return TypedResults.Created($"/api/v1/t/{tenant}/proposals/{proposal.Id}", proposal);
    }

    private static async Task<Ok<ProposalDto>> GetProposal(Guid proposalId, ISender sender, HttpResponse response, CancellationToken ct) =>
        WithETag(response, await sender.Send(new GetProposalQuery(proposalId), ct));

    private static async Task<Ok<ProposalDto>> UpdateProposal(Guid proposalId, HttpRequest http, ISender sender, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var revision = Preconditions.RequiredIfMatch(http);
        var command = await ProposalPatch.ReadAsync(http, proposalId, revision, json.Value.SerializerOptions, ct);
        var result = await sender.Send(command, ct);
        return WithETag(http.HttpContext.Response, result.Proposal);
    }

    private static async Task<Ok<ProposalDto>> SubmitProposal(Guid proposalId, HttpRequest http, ISender sender, CancellationToken ct) =>
        WithETag(http.HttpContext.Response, await sender.Send(new SubmitProposalCommand(proposalId, Preconditions.IfMatch(http)), ct));

    private static async Task<Ok<ProposalDto>> ReviewProposal(Guid proposalId, ReviewRequest request, HttpRequest http, ISender sender, CancellationToken ct) =>
        WithETag(http.HttpContext.Response, await sender.Send(new ReviewProposalCommand(proposalId, request, Preconditions.IfMatch(http)), ct));

    private static async Task<Ok<PublishResponse>> PublishProposal(Guid proposalId, PublishRequest request, HttpRequest http, ISender sender, CancellationToken ct)
    {
        var published = await sender.Send(new PublishProposalCommand(proposalId, request, Preconditions.IfMatch(http)), ct);
        Preconditions.SetETag(http.HttpContext.Response, published.Proposal.Revision);
        return TypedResults.Ok(published);
    }

    private static async Task<Ok<ProposalDto>> WithdrawProposal(Guid proposalId, HttpRequest http, ISender sender, CancellationToken ct) =>
        WithETag(http.HttpContext.Response, await sender.Send(new WithdrawProposalCommand(proposalId, Preconditions.IfMatch(http)), ct));

    private static async Task<Ok<RebaseResponse>> RebaseProposal(Guid proposalId, RebaseRequest request, HttpRequest http, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RebaseProposalCommand(proposalId, request, Preconditions.IfMatch(http)), ct));

    private static async Task<Ok<ProposalDiffDto>> GetProposalDiff(Guid proposalId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetProposalDiffQuery(proposalId), ct));

    private static Ok<ProposalDto> WithETag(HttpResponse response, ProposalDto proposal)
    {
        Preconditions.SetETag(response, proposal.Revision);
        return TypedResults.Ok(proposal);
    }
}
