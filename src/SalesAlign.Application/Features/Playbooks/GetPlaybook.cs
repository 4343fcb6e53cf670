using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Contracts.Playbooks;

namespace SalesAlign.Application.Features.Playbooks;

/// <summary>A playbook with its current version: what integrations fetch most, so one query per table.</summary>
public sealed record GetPlaybookQuery(Guid PlaybookId) : IQuery<PlaybookDto>;

internal sealed class GetPlaybookValidator : AbstractValidator<GetPlaybookQuery>
{
    public GetPlaybookValidator() => RuleFor(q => q.PlaybookId).NotEmpty().OverridePropertyName("/playbookId");
}

internal sealed class GetPlaybookHandler(IAppDbContext db) : IQueryHandler<GetPlaybookQuery, PlaybookDto>
{
    public async ValueTask<PlaybookDto> Handle(GetPlaybookQuery query, CancellationToken cancellationToken)
    {
        var playbook = await db.Playbooks.AsNoTracking().FirstOrDefaultAsync(p => p.Id == query.PlaybookId, cancellationToken)
            ?? throw new NotFoundException("Playbook", query.PlaybookId);
        var current = playbook.CurrentVersionNumber is { } number
            ? (await db.GetVersionAsync(playbook.Id, number, cancellationToken)).ToDto()
            : null;
        return new PlaybookDto(playbook.Id, playbook.Name, playbook.Revision, current);
    }
}
