using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Security;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Application.Features.Tenancy;

/// <summary>The current tenant (resolved from the route).</summary>
[RequiresPermission(Permissions.Tenants.Read)]
public sealed record GetTenantQuery : IQuery<TenantDto>;

internal sealed class GetTenantValidator : AbstractValidator<GetTenantQuery>;

internal sealed class GetTenantHandler(ITenantContext tenant, IAppDbContext db) : IQueryHandler<GetTenantQuery, TenantDto>
{
    public async ValueTask<TenantDto> Handle(GetTenantQuery query, CancellationToken ct)
    {
        var row = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenant.TenantId, ct)
            ?? throw new NotFoundException("Tenant", tenant.Slug ?? "");
        var agency = row.AgencyId is { } id ? await db.Agencies.AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).FirstOrDefaultAsync(ct) : null;
        return new TenantDto(row.Slug, row.Name, row.TimeZone, agency);
    }
}
