using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Tenancy;
using P = SalesAlign.Contracts.Security.Permissions;

namespace SalesAlign.Application.Common.Security;

/// <summary>
/// Who may do what: the one place in code, mirrored by the table in <c>docs/authorization.md</c> (a test
/// keeps them equal). Roles are cumulative: each holds everything the role below it holds.
/// </summary>
public static class AccessPolicy
{
    private static readonly string[] ViewerPermissions =
        [P.Tenants.Read, P.Members.Read, P.Playbooks.Read, P.Proposals.Read, P.Comments.Read, P.Meetings.Read, P.Leads.Read, P.Scoring.Run];

    private static readonly string[] ContributorPermissions =
        [.. ViewerPermissions, P.Proposals.Edit, P.Proposals.Publish, P.Comments.Write, P.Meetings.Manage, P.Leads.Write, P.Leads.Outcomes];

    private static readonly string[] ApproverPermissions =
        [.. ContributorPermissions, P.Proposals.Review, P.Meetings.Decide, P.Audit.Read];

    private static readonly string[] AdminPermissions =
        [.. ApproverPermissions, P.Members.Manage, P.Playbooks.Create, P.Webhooks.Read, P.Webhooks.Manage];

    /// <summary>
    /// A tenant's integration client (marketing automation, CRM) reads the agreement, it does not negotiate it; it sends
    /// leads in, scores them and reports outcomes back.
    /// </summary>
    private static readonly string[] IntegrationPermissions =
        [P.Tenants.Read, P.Playbooks.Read, P.Leads.Read, P.Leads.Write, P.Leads.Outcomes, P.Scoring.Run];

    private static readonly Dictionary<MemberRole, HashSet<string>> ByRole = new()
    {
        [MemberRole.Viewer] = [.. ViewerPermissions],
        [MemberRole.Contributor] = [.. ContributorPermissions],
        [MemberRole.Approver] = [.. ApproverPermissions],
        [MemberRole.Admin] = [.. AdminPermissions],
    };

    private static readonly HashSet<string> Integration = [.. IntegrationPermissions];

    public static bool Allows(MemberRole role, string permission) => ByRole[role].Contains(permission);

    public static bool AllowsIntegration(string permission) => Integration.Contains(permission);

    /// <summary>
    /// Whether a member whose role is spelt as on the wire (<c>MembershipDto.Role</c>: <c>viewer</c> … <c>admin</c>) holds
    /// <paramref name="permission"/>; false for a role this version does not know. For clients that hold the wire form only.
    /// </summary>
    public static bool RoleAllows(string? role, string permission) =>
        Features.Tenancy.TenancyMapping.TryParseRole(role, out var known) && Allows(known, permission);

    /// <summary>
    /// The one rule for a caller in a tenant: an integration client holds the integration permissions whatever role its
    /// actor carries; a person holds their role's.
    /// </summary>
    public static bool Allows(MemberRole role, bool integrationClient, string permission) =>
        integrationClient ? Integration.Contains(permission) : ByRole[role].Contains(permission);

    public static IReadOnlySet<string> PermissionsOf(MemberRole role) => ByRole[role];

    public static IReadOnlySet<string> IntegrationClientPermissions => Integration;

    /// <summary>Every permission is held by someone; a permission nobody holds is a typo.</summary>
    public static IEnumerable<string> Unheld() => Permissions.All.Where(p => !ByRole[MemberRole.Admin].Contains(p));
}
