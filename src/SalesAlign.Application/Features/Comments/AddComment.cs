using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Proposals;

namespace SalesAlign.Application.Features.Comments;

/// <summary>A comment on a proposal, optionally anchored to a JSON Pointer that exists in the current draft.</summary>
[RequiresPermission(Permissions.Comments.Write)]
public sealed record AddCommentCommand(Guid ProposalId, CreateCommentRequest Request) : ICommand<CommentDto>;

internal sealed class AddCommentValidator : AbstractValidator<AddCommentCommand>
{
    public AddCommentValidator()
    {
        RuleFor(c => c.Request.Body).NotEmpty().MaximumLength(ProposalComment.MaxBodyLength).OverridePropertyName("/body");
        RuleFor(c => c.Request.Path)
            .Must(p => p is null || p.Length == 0 || (p.StartsWith('/') && p.Length <= 512))
            .OverridePropertyName("/path")
            .WithErrorCode("comment.path_malformed")
            .WithMessage("path is a JSON Pointer into the draft, e.g. /icp/criteria/2/points.");
    }
}

internal sealed class AddCommentHandler(IAppDbContext db, ICurrentUser user, IAuditLog audit, ILiveEvents live, TimeProvider clock)
    : ICommandHandler<AddCommentCommand, CommentDto>
{
    public async ValueTask<CommentDto> Handle(AddCommentCommand command, CancellationToken cancellationToken)
    {
        var actor = user.RequireMember();
        var state = await ProposalState.LoadAsync(db, command.ProposalId, tracking: false, cancellationToken);
        var path = string.IsNullOrEmpty(command.Request.Path) ? null : command.Request.Path;
        // Only the proposal's existence is read by the pointer check; the draft is the document people discuss.
        if (path is not null && !Exists(PlaybookJson.ToNode(state.Draft), path))
            throw new ValidationException([new ValidationFailure("/path", $"'{path}' does not exist in the draft.") { ErrorCode = "comment.path_not_found" }]);

        var comment = new ProposalComment
        {
            Id = Guid.CreateVersion7(),
            ProposalId = state.Proposal.Id,
            AuthorId = actor.UserId,
            Body = command.Request.Body,
            Path = path,
            CreatedAt = clock.GetUtcNow(),
        };
        db.ProposalComments.Add(comment);
        audit.Record("comment.added", "Proposal", state.Proposal.Id.ToString(), after: new { CommentId = comment.Id, comment.Path });
        live.Publish(new CommentAddedData(comment.Path, comment.Id), actor.UserId, state.Proposal.Id.ToString(), state.Proposal.Revision);
        await db.SaveChangesAsync(cancellationToken);
        return new CommentDto(comment.Id, comment.AuthorId, comment.Body, comment.Path, comment.CreatedAt);
    }

    /// <summary>Resolves an RFC 6901 pointer against the draft.</summary>
    internal static bool Exists(JsonNode? node, string pointer)
    {
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child,
                JsonArray array when int.TryParse(segment, out var i) && i >= 0 && i < array.Count && segment == i.ToString(System.Globalization.CultureInfo.InvariantCulture) => array[i],
                _ => null,
            };
            if (node is null)
                return false;
        }
        return true;
    }
}
