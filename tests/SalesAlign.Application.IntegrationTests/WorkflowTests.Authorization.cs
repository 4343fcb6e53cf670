using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;
using static SalesAlign.Application.IntegrationTests.Users;

namespace SalesAlign.Application.IntegrationTests;

/// <summary>
/// The request's declared policy holds without any HTTP in front: the mediator itself refuses a caller the
/// declaration excludes, and each refusal has an allowed control.
/// </summary>
public abstract partial class WorkflowTests
{
    private static readonly Actor Vera = new("vera", MemberTeam.Sales, MemberRole.Viewer);

    [Fact]
    public async Task A_viewer_may_not_review_through_the_mediator_and_an_approver_may()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await OpenAsync(tenant, playbook);
        await app.SendAsync(tenant, Chris, new SubmitProposalCommand(proposal.Id));

        var denied = await Should.ThrowAsync<ForbiddenException>(() => ReviewAsync(tenant, Vera, proposal.Id));
        var unchanged = await app.SendAsync(tenant, Vera, new GetProposalQuery(proposal.Id));
        var approved = await ReviewAsync(tenant, Maria, proposal.Id);

        denied.Code.ShouldBe("permission_denied");
        denied.Message.ShouldContain("proposals.review");
        unchanged.Reviews.ShouldBeEmpty();
        approved.Reviews.ShouldHaveSingleItem().ReviewerId.ShouldBe(Maria.UserId);
    }

    [Fact]
    public async Task A_viewer_may_not_open_a_proposal_and_a_contributor_may()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();

        var denied = await Should.ThrowAsync<ForbiddenException>(() =>
            app.SendAsync(tenant, Vera, new CreateProposalCommand(playbook, new CreateProposalRequest("x"))));
        var opened = await OpenAsync(tenant, playbook);

        denied.Code.ShouldBe("permission_denied");
        (await app.SendAsync(tenant, Vera, new ListProposalsQuery(playbook))).Items.ShouldHaveSingleItem().Id.ShouldBe(opened.Id);
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused_before_any_handler_and_the_system_actor_needs_no_membership()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();

        await Should.ThrowAsync<UnauthorizedException>(() => app.SendAsAsync(tenant, u => u.Anonymous = true, new GetPlaybookQuery(playbook)));
        await Should.ThrowAsync<ForbiddenException>(() => app.SendAsAsync(tenant, u => u.Member = null, new GetPlaybookQuery(playbook)));
        (await app.SendAsAsync(tenant, u => u.IsSystem = true, new GetPlaybookQuery(playbook))).Id.ShouldBe(playbook);
    }
}
