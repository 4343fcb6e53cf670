using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Application.Features.Playbooks;

/// <summary>A playbook with its current version: what integrations fetch most, so it is served from memory.</summary>
[RequiresPermission(Permissions.Playbooks.Read)]
public sealed record GetPlaybookQuery(Guid PlaybookId) : IQuery<PlaybookDto>;

internal sealed class GetPlaybookValidator : AbstractValidator<GetPlaybookQuery>
{
    public GetPlaybookValidator() => RuleFor(q => q.PlaybookId).NotEmpty().OverridePropertyName("/playbookId");
}

internal sealed class GetPlaybookHandler(IAppDbContext db, ITenantContext tenant, PlaybookReadCache cache) : IQueryHandler<GetPlaybookQuery, PlaybookDto>
{
    public async ValueTask<PlaybookDto> Handle(GetPlaybookQuery query, CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId!.Value;
        if (!cache.TryGetHead(tenantId, query.PlaybookId, out var head))
        {
            head = await db.Playbooks.AsNoTracking().Where(p => p.Id == query.PlaybookId)
                .Select(p => new PlaybookReadCache.Head(p.Name, p.Revision, p.CurrentVersionNumber))
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Playbook", query.PlaybookId);
            cache.SetHead(tenantId, query.PlaybookId, head);
        }
        var current = head!.CurrentVersion is { } number
            ? await cache.VersionAsync(tenantId, query.PlaybookId, number, async () => (await db.GetVersionAsync(query.PlaybookId, number, cancellationToken)).ToDto())
            : null;
        return new PlaybookDto(query.PlaybookId, head.Name, head.Revision, current);
    }
}
