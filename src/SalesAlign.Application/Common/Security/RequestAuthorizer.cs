using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;

namespace SalesAlign.Application.Common.Security;

/// <summary>The one decision whether a caller may send a request with a given declaration.</summary>
public static class RequestAuthorizer
{
    public const string PermissionDenied = "permission_denied";

    /// <summary>
    /// Throws <see cref="UnauthorizedException"/> (401) or <see cref="ForbiddenException"/> (403) when <paramref name="user"/>
    /// may not send a request declaring <paramref name="policy"/>. A request that declares nothing is refused to everyone.
    /// </summary>
    public static void Authorize(RequestPolicyAttribute? policy, ICurrentUser user, string? tenantSlug, string requestName)
    {
        switch (policy)
        {
            case AllowAnonymousRequestAttribute:
                return;
            case SystemOnlyAttribute when user.IsSystem:
                return;
            case SystemOnlyAttribute:
                throw new ForbiddenException(PermissionDenied, $"'{requestName}' is sent by the system only.");
            case RequiresSignInAttribute or RequiresPermissionAttribute when user.IsSystem:
                return;
            case RequiresSignInAttribute or RequiresPermissionAttribute when !user.IsAuthenticated:
                throw new UnauthorizedException();
            case RequiresSignInAttribute:
                return;
            case RequiresPermissionAttribute { Permission: var permission }:
                user.RequireMember();
                if (!user.Holds(permission))
                    throw new ForbiddenException(PermissionDenied, PermissionDeniedDetail(tenantSlug, permission));
                return;
            default:
                throw new ForbiddenException(PermissionDenied, $"'{requestName}' declares no policy, so nobody may send it.");
        }
    }

    /// <summary>The words of every 403 <c>permission_denied</c>, whichever transport refused first.</summary>
    public static string PermissionDeniedDetail(string? tenantSlug, string permission) =>
        $"Your role in '{tenantSlug}' does not allow '{permission}'.";
}
