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

/// <summary>Set per scope by the fixture, as the host sets it per request.</summary>
internal sealed class TestCurrentUser : ICurrentUser
{
    public Actor? Member { get; set; }

    public string? UserId => Member?.UserId;

    public bool IsAuthenticated => Member is not null;

    public Guid? IntegrationTenantId => null;
}
