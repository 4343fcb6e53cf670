using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Application.Features.Members;

/// <summary>
/// "A tenant keeps at least one Admin", counting every path to Admin: a direct Admin membership, and an Admin of the
/// agency that manages the tenant who has no direct membership there (a direct membership wins over the agency role,
/// as <see cref="IUserAccess.AccessToAsync"/> resolves it).
/// </summary>
internal static class TenantAdmins
{
    /// <summary>What happens to <c>userId</c>'s direct membership in the change being checked.</summary>
    public enum Change { Removed, Demoted }

    /// <summary>Whether someone other than through <paramref name="userId"/>'s direct membership still reaches Admin after the change.</summary>
    public static async Task<bool> AnotherRemainsAsync(IAppDbContext db, Guid tenantId, string userId, Change change, CancellationToken ct)
    {
        if (await db.Memberships.AnyAsync(m => m.Role == MemberRole.Admin && m.UserId != userId, ct))
            return true;
        var agencyId = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.AgencyId).FirstOrDefaultAsync(ct);
        if (agencyId is null)
            return false;
        // The member filter is the current tenant's: a direct membership here hides the agency role, except the one
        // being removed, whose agency role then applies again.
        return await db.AgencyMemberships.AnyAsync(a => a.AgencyId == agencyId && a.Role == MemberRole.Admin
            && !db.Memberships.Any(m => m.UserId == a.UserId && !(change == Change.Removed && m.UserId == userId)), ct);
    }
}
