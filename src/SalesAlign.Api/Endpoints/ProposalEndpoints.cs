using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Audit;
using SalesAlign.Application.Features.Comments;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Api.Endpoints;

internal static class ProposalEndpoints
{
    public static void MapProposalEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("/proposals/{proposalId:guid}", "Proposals");

        group.MapGet("", async Task<Ok<ProposalDto>> (Guid proposalId, ISender sender, HttpResponse response, CancellationToken ct) =>
                WithETag(response, await sender.Send(new GetProposalQuery(proposalId), ct)))
            .ForUseCase<GetProposalQuery>().WithName("GetProposal").WithSummary("A proposal with its draft, reviews and who still has to approve; ETag = revision.");

        group.MapPatch("", async Task<Ok<ProposalDto>> (Guid proposalId, HttpRequest http, ISender sender, IOptions<JsonOptions> json, CancellationToken ct) =>
            {
                var revision = Preconditions.RequiredIfMatch(http);
                var command = await ProposalPatch.ReadAsync(http, proposalId, revision, json.Value.SerializerOptions, ct);
                var result = await sender.Send(command, ct);
                return WithETag(http.HttpContext.Response, result.Proposal);
            })
            .Accepts<UpdateProposalRequest>("application/json", ProposalPatch.JsonPatchMediaType)
            .ForUseCase<UpdateProposalCommand>().WithName("UpdateProposal")
            .WithSummary("New title, rationale or draft (application/json), or a JSON Patch of the draft (application/json-patch+json); requires If-Match.");

        group.MapPost("/submit", async Task<Ok<ProposalDto>> (Guid proposalId, HttpRequest http, ISender sender, CancellationToken ct) =>
                WithETag(http.HttpContext.Response, await sender.Send(new SubmitProposalCommand(proposalId, Preconditions.IfMatch(http)), ct)))
            .ForUseCase<SubmitProposalCommand>().WithName("SubmitProposal").WithSummary("Send a draft (or a proposal with requested changes) to review.");

        group.MapPost("/reviews", async Task<Ok<ProposalDto>> (Guid proposalId, ReviewRequest request, HttpRequest http, ISender sender, CancellationToken ct) =>
                WithETag(http.HttpContext.Response, await sender.Send(new ReviewProposalCommand(proposalId, request, Preconditions.IfMatch(http)), ct)))
            .ForUseCase<ReviewProposalCommand>().WithName("ReviewProposal").WithSummary("Approve, request changes or reject.");

        group.MapPost("/publish", async Task<Ok<PublishResponse>> (Guid proposalId, PublishRequest request, HttpRequest http, ISender sender, CancellationToken ct) =>
            {
                var published = await sender.Send(new PublishProposalCommand(proposalId, request, Preconditions.IfMatch(http)), ct);
                Preconditions.SetETag(http.HttpContext.Response, published.Proposal.Revision);
                return TypedResults.Ok(published);
            })
            .ForUseCase<PublishProposalCommand>().WithName("PublishProposal").WithSummary("Publish an approved proposal as the next version, atomically.");

        group.MapPost("/withdraw", async Task<Ok<ProposalDto>> (Guid proposalId, HttpRequest http, ISender sender, CancellationToken ct) =>
                WithETag(http.HttpContext.Response, await sender.Send(new WithdrawProposalCommand(proposalId, Preconditions.IfMatch(http)), ct)))
            .ForUseCase<WithdrawProposalCommand>().WithName("WithdrawProposal").WithSummary("Withdraw (the author or an Admin).");

        group.MapPost("/rebase", async Task<Ok<RebaseResponse>> (Guid proposalId, RebaseRequest request, HttpRequest http, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RebaseProposalCommand(proposalId, request, Preconditions.IfMatch(http)), ct)))
            .ForUseCase<RebaseProposalCommand>().WithName("RebaseProposal").WithSummary("Three-way merge onto the current version; conflicts are returned to resolve.");

        group.MapGet("/diff", async Task<Ok<ProposalDiffDto>> (Guid proposalId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetProposalDiffQuery(proposalId), ct)))
            .ForUseCase<GetProposalDiffQuery>().WithName("GetProposalDiff").WithSummary("The draft against its base version, in plain words.");

        group.MapGet("/comments", async Task<Ok<Page<CommentDto>>> (Guid proposalId, string? cursor, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListCommentsQuery(proposalId, cursor, limit), ct)))
            .ForUseCase<ListCommentsQuery>().WithName("ListComments").WithSummary("Comments, oldest first.");

        group.MapPost("/comments", async Task<Created<CommentDto>> (string tenant, Guid proposalId, CreateCommentRequest request, ISender sender, CancellationToken ct) =>
            {
                var comment = await sender.Send(new AddCommentCommand(proposalId, request), ct);
                return TypedResults.Created($"/api/v1/t/{tenant}/proposals/{proposalId}/comments", comment);
            })
            .ForUseCase<AddCommentCommand>().WithName("AddComment").WithSummary("Comment, optionally anchored to a JSON Pointer in the draft.");

        app.MapTenantGroup("/audit", "Audit")
            .MapGet("", async Task<Ok<Page<AuditEntryDto>>> (string? cursor, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAuditEntriesQuery(cursor, limit), ct)))
            .ForUseCase<ListAuditEntriesQuery>().WithName("ListAuditEntries").WithSummary("The tenant's audit log, newest first.");
    }

    private static Ok<ProposalDto> WithETag(HttpResponse response, ProposalDto proposal)
    {
        Preconditions.SetETag(response, proposal.Revision);
        return TypedResults.Ok(proposal);
    }
}
