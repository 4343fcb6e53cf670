using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Domain.Proposals;

namespace SalesAlign.Application.Common.Security;

public static class CurrentUserExtensions
{
    /// <summary>The caller's membership in the current tenant; every write needs one, whatever the route checked.</summary>
    public static Actor RequireMember(this ICurrentUser user) =>
        user.Member ?? throw new ForbiddenException("tenant.not_member", "Only a member of this tenant may change it.");
}
