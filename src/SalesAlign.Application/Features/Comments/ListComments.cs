using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Common;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Application.Features.Comments;

/// <summary>A proposal's comments, oldest first, as a conversation reads.</summary>
[RequiresPermission(Permissions.Comments.Read)]
public sealed record ListCommentsQuery(Guid ProposalId, string? Cursor = null, int? Limit = null) : IQuery<Page<CommentDto>>;

internal sealed class ListCommentsValidator : AbstractValidator<ListCommentsQuery>
{
    public ListCommentsValidator() => RuleFor(q => q.Cursor).MustBeCursor();
}

internal sealed class ListCommentsHandler(IAppDbContext db) : IQueryHandler<ListCommentsQuery, Page<CommentDto>>
{
    public async ValueTask<Page<CommentDto>> Handle(ListCommentsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Proposals.AnyAsync(p => p.Id == query.ProposalId, cancellationToken))
            throw new NotFoundException("Proposal", query.ProposalId);
        // Version 7 ids order by creation time on every provider; offset cursor, comments are insert-only.
        var offset = (int)Math.Min(Paging.ParseCursor(query.Cursor) ?? 0, int.MaxValue);
        var limit = Paging.Clamp(query.Limit);
        var items = await db.ProposalComments.AsNoTracking()
            .Where(c => c.ProposalId == query.ProposalId)
            .OrderBy(c => c.Id)
            .Skip(offset).Take(limit + 1)
            .Select(c => new CommentDto(c.Id, c.AuthorId, c.Body, c.Path, c.CreatedAt))
            .ToListAsync(cancellationToken);
        return new Page<CommentDto>(items.Take(limit).ToList(), Paging.NextCursor(items.Count > limit, offset + limit));
    }
}
