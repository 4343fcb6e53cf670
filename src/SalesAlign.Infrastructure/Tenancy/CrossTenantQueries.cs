using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Infrastructure.Tenancy;

/// <summary>
/// The only place allowed to bypass the tenant filter (a convention test enforces it): each query here
/// answers a question that is about a user rather than a tenant, so it must read across tenants.
/// </summary>
public static class CrossTenantQueries
{
    /// <summary>Every tenant membership of one user, for <c>GET /me</c> and for resolving a tenant on sign-in.</summary>
    public static IQueryable<Membership> MembershipsOf(this IAppDbContext db, string userId) =>
        db.Memberships.IgnoreQueryFilters([TenantQueryFilter.Name]).Where(m => m.UserId == userId);
}
