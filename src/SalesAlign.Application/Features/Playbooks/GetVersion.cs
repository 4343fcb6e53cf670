using FluentValidation;
using Mediator;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Security;

namespace SalesAlign.Application.Features.Playbooks;

[RequiresPermission(Permissions.Playbooks.Read)]
public sealed record GetVersionQuery(Guid PlaybookId, int Number) : IQuery<VersionDto>;

internal sealed class GetVersionValidator : AbstractValidator<GetVersionQuery>
{
    public GetVersionValidator() => RuleFor(q => q.Number).GreaterThan(0).OverridePropertyName("/number");
}

internal sealed class GetVersionHandler(IAppDbContext db) : IQueryHandler<GetVersionQuery, VersionDto>
{
    public async ValueTask<VersionDto> Handle(GetVersionQuery query, CancellationToken cancellationToken) =>
        (await db.GetVersionAsync(query.PlaybookId, query.Number, cancellationToken)).ToDto();
}
