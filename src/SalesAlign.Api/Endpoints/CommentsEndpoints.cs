using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Comments;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Proposals;

namespace SalesAlign.Api.Endpoints;

/// <summary>Comments on a proposal, optionally anchored to a place in its draft.</summary>
internal static class CommentsEndpoints
{
    public static void MapCommentsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("/proposals/{proposalId:guid}/comments", "Proposals");

        group.MapGet("", ListComments)
            .ForUseCase<ListCommentsQuery>().WithName("ListComments").WithSummary("Comments, oldest first.");

        group.MapPost("", AddComment)
            .ForUseCase<AddCommentCommand>().WithName("AddComment").WithSummary("Comment, optionally anchored to a JSON Pointer in the draft.");
    }

    private static async Task<Ok<Page<CommentDto>>> ListComments(Guid proposalId, string? cursor, int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListCommentsQuery(proposalId, cursor, limit), ct));

    private static async Task<Created<CommentDto>> AddComment(string tenant, Guid proposalId, CreateCommentRequest request, ISender sender, CancellationToken ct)
    {
        var comment = await sender.Send(new AddCommentCommand(proposalId, request), ct);
        return TypedResults.Created($"/api/v1/t/{tenant}/proposals/{proposalId}/comments", comment);
    }
}
