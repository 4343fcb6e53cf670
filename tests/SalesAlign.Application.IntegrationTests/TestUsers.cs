using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Application.IntegrationTests;

/// <summary>The demo cast of issue 3, as the host would resolve them in acme.</summary>
public static class Users
{
    public static readonly Actor Maria = new("maria", MemberTeam.Marketing, MemberRole.Approver);
    public static readonly Actor Chris = new("chris", MemberTeam.Marketing, MemberRole.Contributor);
    public static readonly Actor Sam = new("sam", MemberTeam.Sales, MemberRole.Approver);
    public static readonly Actor Alex = new("alex", MemberTeam.Agency, MemberRole.Admin);
}

/// <summary>
/// Set per scope by the fixture, as the host sets it per request. Without a <see cref="Member"/> the caller is a
/// signed-in user who is no member of the tenant, unless <see cref="Anonymous"/> or <see cref="IsSystem"/> says otherwise.
/// </summary>
public sealed class TestCurrentUser : ICurrentUser
{
    public const string StrangerId = "stranger";

    public Actor? Member { get; set; }

    public bool Anonymous { get; set; }

    public bool IsSystem { get; set; }

    public string? UserId => IsSystem ? "system" : Anonymous ? null : Member?.UserId ?? StrangerId;

    public bool IsAuthenticated => IsSystem || !Anonymous;

    public Guid? IntegrationTenantId => null;
}
