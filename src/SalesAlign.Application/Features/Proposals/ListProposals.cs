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
using SalesAlign.Domain.Proposals;
using SalesAlign.Application.Common.Wire;

namespace SalesAlign.Application.Features.Proposals;

/// <summary>A playbook's proposals, newest first, optionally of one status (e.g. <c>InReview</c>).</summary>
[RequiresPermission(Permissions.Proposals.Read)]
public sealed record ListProposalsQuery(Guid PlaybookId, string? Status = null, string? Cursor = null, int? Limit = null)
    : IQuery<Page<ProposalSummaryDto>>;

internal sealed class ListProposalsValidator : AbstractValidator<ListProposalsQuery>
{
    public ListProposalsValidator()
    {
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Status)
            .Must(s => s is null || Enum.TryParse<ProposalStatus>(s, ignoreCase: true, out _))
            .OverridePropertyName("/status")
            .WithErrorCode("proposal.status_unknown")
            .WithMessage($"status is one of {string.Join(", ", ProposalStatuses.All)}.");
    }
}

internal sealed class ListProposalsHandler(IAppDbContext db) : IQueryHandler<ListProposalsQuery, Page<ProposalSummaryDto>>
{
    public async ValueTask<Page<ProposalSummaryDto>> Handle(ListProposalsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Playbooks.AnyAsync(p => p.Id == query.PlaybookId, cancellationToken))
            throw new NotFoundException("Playbook", query.PlaybookId);
        var proposals = db.Proposals.AsNoTracking().Where(p => p.PlaybookId == query.PlaybookId);
        if (query.Status is not null)
        {
            var status = Enum.Parse<ProposalStatus>(query.Status, ignoreCase: true);
            proposals = proposals.Where(p => p.Status == status);
        }
        // Ids are version 7 GUIDs, so descending id is newest first on every provider without ordering by a
        // DateTimeOffset (which SQLite cannot). Offset cursor: a playbook has tens of proposals, not millions.
        var offset = (int)Math.Min(Paging.ParseCursor(query.Cursor) ?? 0, int.MaxValue);
        var limit = Paging.Clamp(query.Limit);
        var rows = await proposals.OrderByDescending(p => p.Id).Skip(offset).Take(limit + 1)
            .Select(p => new { p.Id, p.Title, p.Status, p.Revision, p.BaseVersionNumber, p.AuthorId, p.UpdatedAt })
            .ToListAsync(cancellationToken);
        var items = rows.Take(limit)
            .Select(p => new ProposalSummaryDto(p.Id, p.Title, WireName.Of(p.Status), p.Revision, p.BaseVersionNumber, p.AuthorId, p.UpdatedAt))
            .ToList();
        return new Page<ProposalSummaryDto>(items, Paging.NextCursor(rows.Count > limit, offset + limit));
    }
}
