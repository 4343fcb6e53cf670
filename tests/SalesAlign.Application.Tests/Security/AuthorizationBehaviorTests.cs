using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Application.Tests.Security;

/// <summary>Each kind of declaration, refused for the caller it excludes and allowed for the one it admits.</summary>
public sealed class AuthorizationBehaviorTests
{
    private static readonly RequiresPermissionAttribute WriteLeads = new(Permissions.Leads.Write);

    private sealed record Caller(bool IsAuthenticated, Actor? Member = null, bool IsSystem = false, Guid? IntegrationTenantId = null) : ICurrentUser
    {
        public string? UserId => IsSystem ? "system" : Member?.UserId ?? (IsAuthenticated ? "someone" : null);
    }

    private static readonly Caller Anonymous = new(false);
    private static readonly Caller Stranger = new(true);
    private static readonly Caller Viewer = new(true, new Actor("vera", MemberTeam.Sales, MemberRole.Viewer));
    private static readonly Caller Contributor = new(true, new Actor("chris", MemberTeam.Marketing, MemberRole.Contributor));
    private static readonly Caller System = new(true, IsSystem: true);

    private static void Authorize(RequestPolicyAttribute? policy, ICurrentUser user) =>
        RequestAuthorizer.Authorize(policy, user, "acme", "TestRequest");

    [Fact]
    public void A_permission_is_refused_to_a_role_without_it_and_allowed_to_a_role_with_it()
    {
        var denied = Should.Throw<ForbiddenException>(() => Authorize(WriteLeads, Viewer));

        denied.Code.ShouldBe("permission_denied");
        denied.Message.ShouldBe("Your role in 'acme' does not allow 'leads.write'.");
        Should.NotThrow(() => Authorize(WriteLeads, Contributor));
    }

    [Fact]
    public void A_permission_needs_a_signed_in_member()
    {
        Should.Throw<UnauthorizedException>(() => Authorize(WriteLeads, Anonymous));
        Should.Throw<ForbiddenException>(() => Authorize(WriteLeads, Stranger)).Code.ShouldBe("tenant.not_member");
        Should.NotThrow(() => Authorize(WriteLeads, Contributor));
    }

    [Fact]
    public void An_integration_client_holds_the_integration_permissions_whatever_its_actor_role()
    {
        var client = new Caller(true, new Actor("crm", MemberTeam.Agency, MemberRole.Viewer), IntegrationTenantId: Guid.NewGuid());

        Should.Throw<ForbiddenException>(() => Authorize(new RequiresPermissionAttribute(Permissions.Proposals.Read), client));
        Should.NotThrow(() => Authorize(WriteLeads, client));
    }

    [Fact]
    public void Sign_in_is_refused_to_anonymous_callers_only()
    {
        Should.Throw<UnauthorizedException>(() => Authorize(new RequiresSignInAttribute(), Anonymous));
        Should.NotThrow(() => Authorize(new RequiresSignInAttribute(), Stranger));
    }

    [Fact]
    public void An_anonymous_request_is_allowed_to_anyone()
    {
        Should.NotThrow(() => Authorize(new AllowAnonymousRequestAttribute(), Anonymous));
        Should.NotThrow(() => Authorize(new AllowAnonymousRequestAttribute(), Contributor));
    }

    [Fact]
    public void A_system_only_request_is_refused_to_people_and_allowed_to_the_system_actor()
    {
        Should.Throw<ForbiddenException>(() => Authorize(new SystemOnlyAttribute(), Contributor)).Code.ShouldBe("permission_denied");
        Should.Throw<ForbiddenException>(() => Authorize(new SystemOnlyAttribute(), Anonymous));
        Should.NotThrow(() => Authorize(new SystemOnlyAttribute(), System));
    }

    [Fact]
    public void The_system_actor_passes_permission_checks_without_a_membership()
    {
        Should.NotThrow(() => Authorize(new RequiresPermissionAttribute(Permissions.Webhooks.Manage), System));
        Should.Throw<ForbiddenException>(() => Authorize(new RequiresPermissionAttribute(Permissions.Webhooks.Manage), Contributor));
    }

    [Fact]
    public void A_request_without_a_declaration_is_refused_to_everyone()
    {
        Should.Throw<ForbiddenException>(() => Authorize(null, System)).Message.ShouldContain("declares no policy");
        Should.Throw<ForbiddenException>(() => Authorize(null, Contributor));
        Should.NotThrow(() => Authorize(new AllowAnonymousRequestAttribute(), Contributor));
    }
}
