using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Contracts.Live;
using SalesAlign.Domain.Proposals;

namespace SalesAlign.Application.Common.Security;

public static class CurrentUserExtensions
{
    /// <summary>The caller's membership in the current tenant; every write needs one, whatever the route checked.</summary>
    public static Actor RequireMember(this ICurrentUser user) =>
        user.Member ?? throw new ForbiddenException("tenant.not_member", "Only a member of this tenant may change it.");

    /// <summary>Whether the caller, as they entered the current tenant, holds <paramref name="permission"/> there.</summary>
    public static bool Holds(this ICurrentUser user, string permission) =>
        user.Member is { } member && AccessPolicy.Allows(member.Role, user.IntegrationTenantId is not null, permission);

    /// <summary>Whether the caller may read events of <paramref name="eventType"/> in the current tenant.</summary>
    public static bool MayRead(this ICurrentUser user, string eventType) =>
        LiveEventPermissions.For(eventType) is { } permission && user.Holds(permission);
}
