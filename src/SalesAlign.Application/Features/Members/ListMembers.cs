using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Tenancy;
using SalesAlign.Contracts.Security;
using SalesAlign.Contracts.Tenancy;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Application.Features.Members;

/// <summary>The tenant's members: direct memberships, then agency members whose role flows to this tenant.</summary>
[RequiresPermission(Permissions.Members.Read)]
public sealed record ListMembersQuery : IQuery<IReadOnlyList<MemberDto>>;

internal sealed class ListMembersValidator : AbstractValidator<ListMembersQuery>;

internal sealed class ListMembersHandler(ITenantContext tenant, IAppDbContext db, IUserAccess access) : IQueryHandler<ListMembersQuery, IReadOnlyList<MemberDto>>
{
    public async ValueTask<IReadOnlyList<MemberDto>> Handle(ListMembersQuery query, CancellationToken ct)
    {
        var direct = await db.Memberships.AsNoTracking().ToListAsync(ct);
        var agencyId = await db.Tenants.Where(t => t.Id == tenant.TenantId).Select(t => t.AgencyId).FirstOrDefaultAsync(ct);
        var viaAgency = agencyId is { } id
            ? await db.AgencyMemberships.AsNoTracking().Where(a => a.AgencyId == id).ToListAsync(ct)
            : [];
        var users = await access.FindUsersAsync(direct.Select(m => m.UserId).Concat(viaAgency.Select(a => a.UserId)), ct);

        MemberDto Dto(string userId, MemberTeam team, MemberRole role, bool viaAgency) =>
            new(userId, users.GetValueOrDefault(userId)?.Email ?? "", users.GetValueOrDefault(userId)?.DisplayName ?? "", team.Name(), role.Name(), viaAgency);

        return direct.Select(m => Dto(m.UserId, m.Team, m.Role, false))
            .Concat(viaAgency.Where(a => direct.All(m => m.UserId != a.UserId)).Select(a => Dto(a.UserId, MemberTeam.Agency, a.Role, true)))
            .OrderBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
