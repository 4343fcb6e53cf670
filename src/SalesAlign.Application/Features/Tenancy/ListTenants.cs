using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Application.Features.Tenancy;

/// <summary>The tenants the caller can act in: their own and, for agency members, every managed tenant.</summary>
[RequiresSignIn]
public sealed record ListTenantsQuery : IQuery<IReadOnlyList<TenantDto>>;

internal sealed class ListTenantsValidator : AbstractValidator<ListTenantsQuery>;

internal sealed class ListTenantsHandler(ICurrentUser user, IUserAccess access, IAppDbContext db) : IQueryHandler<ListTenantsQuery, IReadOnlyList<TenantDto>>
{
    public async ValueTask<IReadOnlyList<TenantDto>> Handle(ListTenantsQuery query, CancellationToken ct)
    {
        var userId = user.UserId ?? throw new ForbiddenException("auth.required", "Sign in first.");
        var tenants = await access.TenantsOfAsync(userId, ct);
        var agencyNames = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return tenants.Select(t => new TenantDto(t.Tenant.Slug, t.Tenant.Name, t.Tenant.TimeZone,
            t.Tenant.AgencyId is { } a ? agencyNames.GetValueOrDefault(a) : null)).ToList();
    }
}
