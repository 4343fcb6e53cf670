using System.Net.Http.Json;
using System.Net;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Api.Tests;

[Collection(nameof(ApiHost))]
public sealed class TenantAccessTests(ApiFactory factory)
{
    [Fact]
    public async Task A_member_of_another_tenant_gets_404_never_403()
    {
        var gina = await factory.ClientFor("gina@globex.example");

        var foreign = await gina.GetAsync("/api/v1/t/acme");
        var own = await gina.GetAsync("/api/v1/t/globex");

        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await foreign.ProblemCode()).ShouldBe("tenant_not_found");
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_tenant_looks_exactly_like_a_foreign_one()
    {
        var gina = await factory.ClientFor("gina@globex.example");

        var unknown = await gina.GetAsync("/api/v1/t/no-such-tenant");
        var foreign = await gina.GetAsync("/api/v1/t/acme");

        unknown.StatusCode.ShouldBe(foreign.StatusCode);
        (await unknown.ProblemCode()).ShouldBe(await foreign.ProblemCode());
    }

    [Fact]
    public async Task An_agency_admin_sees_and_acts_in_every_managed_tenant()
    {
        var alex = await factory.ClientFor("alex@northwind.example");

        var tenants = await (await alex.GetAsync("/api/v1/tenants")).Json();
        var acme = await alex.GetAsync("/api/v1/t/acme/members");
        var globex = await alex.GetAsync("/api/v1/t/globex/members");

        tenants.EnumerateArray().Select(t => t.GetProperty("slug").GetString()).ShouldBe(["acme", "globex"]);
        acme.StatusCode.ShouldBe(HttpStatusCode.OK);
        globex.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_an_admin_manages_members()
    {
        var val = await factory.ClientFor("val@acme.example");
        var alex = await factory.ClientFor("alex@northwind.example");
        var request = new AddMemberRequest("omar@globex.example", "sales", "viewer");

        var denied = await val.PostJson("/api/v1/t/acme/members", request);
        var allowed = await alex.PostJson("/api/v1/t/acme/members", request);
        var userId = (await allowed.Json()).GetProperty("userId").GetString();
        var removed = await alex.DeleteAsync($"/api/v1/t/acme/members/{userId}");

        var audit = await (await alex.GetAsync("/api/v1/t/acme/audit")).Json();
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await denied.ProblemCode()).ShouldBe("permission_denied");
        allowed.StatusCode.ShouldBe(HttpStatusCode.Created);
        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var actions = audit.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("objectId").GetString() == userId).Select(e => e.GetProperty("action").GetString()).ToList();
        actions.ShouldBe(["member.removed", "member.added"]);
    }

    [Fact]
    public async Task The_agency_admin_counts_as_an_admin_so_a_direct_admin_may_be_demoted_and_removed()
    {
        var alex = await factory.ClientFor("alex@northwind.example");
        var added = await alex.PostJson("/api/v1/t/globex/members", new AddMemberRequest("maria@acme.example", "marketing", "admin"));
        var userId = (await added.Json()).GetProperty("userId").GetString();

        // globex is managed by Northwind, whose Admin alex still reaches Admin there: maria is not the last one.
        var demoted = await alex.PatchAsJsonAsync($"/api/v1/t/globex/members/{userId}", new UpdateMemberRequest(Role: "admin"));
        var demotedForReal = await alex.PatchAsJsonAsync($"/api/v1/t/globex/members/{userId}", new UpdateMemberRequest(Role: "viewer"));
        var promotedAgain = await alex.PatchAsJsonAsync($"/api/v1/t/globex/members/{userId}", new UpdateMemberRequest(Role: "admin"));
        var removed = await alex.DeleteAsync($"/api/v1/t/globex/members/{userId}");

        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        demoted.StatusCode.ShouldBe(HttpStatusCode.OK);
        demotedForReal.StatusCode.ShouldBe(HttpStatusCode.OK);
        promotedAgain.StatusCode.ShouldBe(HttpStatusCode.OK);
        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_last_admin_of_a_tenant_no_agency_manages_can_be_neither_demoted_nor_removed()
    {
        var omar = await factory.ClientFor("omar@globex.example");
        var slug = $"t{Guid.NewGuid():N}"[..20];
        await omar.PostJson("/api/v1/tenants", new CreateTenantRequest(slug, "Initech", "Europe/Berlin"));
        var omarId = (await (await omar.GetAsync($"/api/v1/t/{slug}/members")).Json()).EnumerateArray().Single().GetProperty("userId").GetString();

        var demote = await omar.PatchAsJsonAsync($"/api/v1/t/{slug}/members/{omarId}", new UpdateMemberRequest(Role: "viewer"));
        var remove = await omar.DeleteAsync($"/api/v1/t/{slug}/members/{omarId}");
        var changeTeam = await omar.PatchAsJsonAsync($"/api/v1/t/{slug}/members/{omarId}", new UpdateMemberRequest(Team: "sales"));

        demote.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await demote.ProblemCode()).ShouldBe("member.last_admin");
        remove.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await remove.ProblemCode()).ShouldBe("member.last_admin");
        changeTeam.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Invalid_member_requests_name_each_problem()
    {
        var alex = await factory.ClientFor("alex@northwind.example");

        var response = await alex.PostJson("/api/v1/t/acme/members", new AddMemberRequest("not-an-email", "finance", "overlord"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["/email", "/team", "/role"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_integration_client_acts_in_its_own_tenant_only_and_only_as_allowed()
    {
        var crm = await factory.IntegrationClient();

        var own = await crm.GetAsync("/api/v1/t/acme");
        var other = await crm.GetAsync("/api/v1/t/globex");
        var members = await crm.GetAsync("/api/v1/t/acme/members");

        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        members.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Creating_a_tenant_makes_the_caller_its_admin()
    {
        var omar = await factory.ClientFor("omar@globex.example");
        var slug = $"t{Guid.NewGuid():N}"[..20];

        var created = await omar.PostJson("/api/v1/tenants", new CreateTenantRequest(slug, "Initech", "Europe/Berlin"));
        var again = await omar.PostJson("/api/v1/tenants", new CreateTenantRequest(slug, "Initech", "Europe/Berlin"));
        var members = await (await omar.GetAsync($"/api/v1/t/{slug}/members")).Json();

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        members.EnumerateArray().ShouldHaveSingleItem().GetProperty("role").GetString().ShouldBe("admin");
    }

    [Fact]
    public async Task A_bad_tenant_request_is_a_400_naming_each_field()
    {
        var omar = await factory.ClientFor("omar@globex.example");

        var response = await omar.PostJson("/api/v1/tenants", new CreateTenantRequest("Not A Slug!", "", "Mars/Olympus"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["/slug", "/name", "/timeZone"], ignoreOrder: true);
    }
}
