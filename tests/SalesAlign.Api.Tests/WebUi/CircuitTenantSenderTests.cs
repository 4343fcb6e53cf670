using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Api.WebUi;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Application.Features.Tenancy;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Infrastructure.Identity;
using SalesAlign.Web.Services;

namespace SalesAlign.Api.Tests.WebUi;

/// <summary>
/// The web UI's way to act as the circuit's user (decision 0025): the same tenant access rule as the HTTP routes
/// (404 for a tenant you cannot access, 403 for a missing permission), the same problem codes and pointers.
/// </summary>
[Collection(nameof(ApiHost))]
public sealed class CircuitTenantSenderTests(ApiFactory factory)
{
    private async Task<ITenantSender> SenderFor(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No demo user {email}.");
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Email, email)], "Identity.Application"));
        return new CircuitTenantSender(new FixedAuthentication(principal), factory.Services.GetRequiredService<IServiceScopeFactory>());
    }

    private static async Task<Guid> PlaybookOf(ITenantSender sender, string tenant) =>
        (await sender.QueryAsync(tenant, new ListPlaybooksQuery())).Items[0].Id;

    [Fact]
    public async Task A_viewer_reads_proposals_but_gets_403_when_editing_like_on_the_http_route()
    {
        var val = await SenderFor("val@acme.example");
        var playbook = await PlaybookOf(val, "acme");

        var proposals = await val.QueryAsync("acme", new ListProposalsQuery(playbook));
        var refused = await Should.ThrowAsync<UiProblemException>(() =>
            val.CommandAsync("acme", new CreateProposalCommand(playbook, new CreateProposalRequest("Viewer tries"))));

        proposals.Items.ShouldNotBeEmpty();
        refused.Status.ShouldBe(403);
        refused.Code.ShouldBe("permission_denied");
        var http = await (await factory.ClientFor("val@acme.example")).PostAsync($"/api/v1/t/acme/playbooks/{playbook}/proposals",
            new StringContent("""{"title":"Viewer tries"}""", System.Text.Encoding.UTF8, "application/json"));
        http.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await val.QueryAsync("acme", new ListProposalsQuery(playbook))).Items.Count.ShouldBe(proposals.Items.Count);
    }

    [Fact]
    public async Task A_contributor_creates_a_proposal_as_themselves()
    {
        var chris = await SenderFor("chris@acme.example");
        var me = await chris.QueryAsync(new GetMeQuery());
        var playbook = await PlaybookOf(chris, "acme");

        var created = await chris.CommandAsync("acme", new CreateProposalCommand(playbook, new CreateProposalRequest("From the web UI")));

        created.AuthorId.ShouldBe(me.User.Id);
        created.Status.ShouldBe("draft");
    }

    [Fact]
    public async Task A_tenant_the_user_cannot_access_is_not_found_while_an_agency_user_gets_in()
    {
        var maria = await SenderFor("maria@acme.example");
        var alex = await SenderFor("alex@northwind.example");

        var refused = await Should.ThrowAsync<UiProblemException>(() => maria.QueryAsync("globex", new ListPlaybooksQuery()));
        var unknown = await Should.ThrowAsync<UiProblemException>(() => maria.QueryAsync("no-such-tenant", new ListPlaybooksQuery()));
        var agency = await alex.QueryAsync("globex", new ListPlaybooksQuery());

        refused.Status.ShouldBe(404);
        refused.Code.ShouldBe("tenant_not_found");
        unknown.Code.ShouldBe("tenant_not_found");
        agency.Items.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task An_invalid_draft_is_refused_with_every_problem_at_its_json_pointer()
    {
        var maria = await SenderFor("maria@acme.example");
        var playbook = await PlaybookOf(maria, "acme");
        var proposal = await maria.CommandAsync("acme", new CreateProposalCommand(playbook, new CreateProposalRequest("Broken edit")));
        var draft = System.Text.Json.Nodes.JsonNode.Parse(proposal.Draft.GetRawText())!;
        draft["handoff"]!["serviceLevelHours"] = -5;

        var refused = await Should.ThrowAsync<UiProblemException>(() => maria.CommandAsync("acme",
            new UpdateProposalCommand(proposal.Id, proposal.Revision, new UpdateProposalRequest(Document: JsonSerializer.SerializeToElement(draft)))));

        refused.Status.ShouldBe(400);
        refused.Code.ShouldBe("validation_failed");
        refused.Problems.ShouldContain(p => p.Path == "/document/handoff/serviceLevelHours");
        (await maria.CommandAsync("acme", new UpdateProposalCommand(proposal.Id, proposal.Revision, new UpdateProposalRequest(Title: "Fixed"))))
            .Proposal.Revision.ShouldBe(proposal.Revision + 1);
    }

    [Fact]
    public async Task A_stale_revision_is_412_as_on_the_http_route()
    {
        var maria = await SenderFor("maria@acme.example");
        var playbook = await PlaybookOf(maria, "acme");
        var proposal = await maria.CommandAsync("acme", new CreateProposalCommand(playbook, new CreateProposalRequest("Two editors")));
        await maria.CommandAsync("acme", new UpdateProposalCommand(proposal.Id, proposal.Revision, new UpdateProposalRequest(Title: "First")));

        var stale = await Should.ThrowAsync<UiProblemException>(() => maria.CommandAsync("acme",
            new UpdateProposalCommand(proposal.Id, proposal.Revision, new UpdateProposalRequest(Title: "Second"))));

        stale.Status.ShouldBe(412);
        stale.Code.ShouldBe("revision_stale");
    }

    [Fact]
    public async Task Without_a_signed_in_user_nothing_runs()
    {
        var anonymous = new CircuitTenantSender(new FixedAuthentication(new ClaimsPrincipal(new ClaimsIdentity())), factory.Services.GetRequiredService<IServiceScopeFactory>());
        var maria = await SenderFor("maria@acme.example");

        var refused = await Should.ThrowAsync<UiProblemException>(() => anonymous.QueryAsync("acme", new ListPlaybooksQuery()));

        refused.Status.ShouldBe(401);
        (await maria.QueryAsync("acme", new ListPlaybooksQuery())).Items.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Ui_pages_get_html_while_api_routes_keep_problem_details()
    {
        using var browser = factory.CreateClient(new() { AllowAutoRedirect = false });

        var page = await browser.GetAsync("/app/t/acme/playbook");
        var missingUi = await browser.GetAsync("/app/no/such/page");
        var missingApi = await browser.GetAsync("/api/v1/no-such-route");

        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/account/login");
        missingUi.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missingUi.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        missingApi.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missingApi.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private sealed class FixedAuthentication(ClaimsPrincipal principal) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(principal));
    }
}
