using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Features.Audit;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Proposals;
using Xunit.Abstractions;
using static SalesAlign.Application.IntegrationTests.Users;

namespace SalesAlign.Application.IntegrationTests;

/// <summary>The proposal workflow through the real mediator and a real database, run unchanged per provider.</summary>
public abstract partial class WorkflowTests(AppFixture app, ITestOutputHelper output)
{
    protected bool Unavailable()
    {
        if (app.UnavailableBecause is null)
            return false;
        output.WriteLine($"Not run: {app.UnavailableBecause}");
        return true;
    }

    protected async Task<(Guid Tenant, Guid Playbook)> PlaybookAsync()
    {
        var tenant = await app.CreateTenantAsync();
        var playbook = await app.SendAsync(tenant, Alex, new CreatePlaybookCommand(new CreatePlaybookRequest("Default", Documents.Sample.ToElement())));
        return (tenant, playbook.Id);
    }

    protected Task<ProposalDto> OpenAsync(Guid tenant, Guid playbook, PlaybookDocument? draft = null, string title = "Raise pricing-page points") =>
        app.SendAsync(tenant, Chris, new CreateProposalCommand(playbook, new CreateProposalRequest(title, "Pricing visits convert.", draft?.ToElement())));

    protected Task<ProposalDto> ReviewAsync(Guid tenant, Domain.Proposals.Actor reviewer, Guid proposal, string decision = "approve") =>
        app.SendAsync(tenant, reviewer, new ReviewProposalCommand(proposal, new ReviewRequest(decision)));

    protected async Task<ProposalDto> ApprovedAsync(Guid tenant, Guid playbook, PlaybookDocument draft)
    {
        var proposal = await OpenAsync(tenant, playbook, draft);
        await app.SendAsync(tenant, Chris, new SubmitProposalCommand(proposal.Id));
        await ReviewAsync(tenant, Maria, proposal.Id);
        return await ReviewAsync(tenant, Sam, proposal.Id);
    }

    protected Task<PublishResponse> PublishAsync(Guid tenant, Guid proposal, Domain.Proposals.Actor? by = null, string? justification = null) =>
        app.SendAsync(tenant, by ?? Chris, new PublishProposalCommand(proposal, new PublishRequest(OverrideJustification: justification)));

    protected static async Task<string> RefusedAsync(Func<Task> action) => (await Should.ThrowAsync<WorkflowException>(action)).Code;

    [Fact]
    public async Task Draft_submit_two_approvals_and_publish_create_v2_with_both_approvers_and_an_audit_trail()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var draft = Documents.Sample.WithRulePoints(0, 42);

        var proposal = await OpenAsync(tenant, playbook, draft);
        var submitted = await app.SendAsync(tenant, Chris, new SubmitProposalCommand(proposal.Id, proposal.Revision));
        var afterMaria = await ReviewAsync(tenant, Maria, proposal.Id);
        var afterSam = await ReviewAsync(tenant, Sam, proposal.Id);
        var published = await PublishAsync(tenant, proposal.Id);
        var current = await app.SendAsync(tenant, Chris, new GetPlaybookQuery(playbook));
        var audit = await app.SendAsync(tenant, Maria, new ListAuditEntriesQuery());

        submitted.Status.ShouldBe("inReview");
        afterMaria.Status.ShouldBe("inReview");
        afterMaria.MissingApprovals.ShouldHaveSingleItem().Team.ShouldBe("sales");
        afterSam.Status.ShouldBe("approved");
        afterSam.MissingApprovals.ShouldBeEmpty();
        published.Version.Number.ShouldBe(2);
        published.Version.ApprovedBy.ShouldBe(["maria", "sam"]);
        published.Version.ProposalId.ShouldBe(proposal.Id);
        published.Version.OverrideJustification.ShouldBeNull();
        published.Version.ContentHash.ShouldBe(PlaybookJson.ContentHash(draft));
        published.Version.ChangeSummary.ShouldNotBeNullOrWhiteSpace();
        published.Proposal.Status.ShouldBe("published");
        published.Proposal.PublishedVersion.ShouldBe(2);
        current.CurrentVersion!.Number.ShouldBe(2);
        audit.Items.Select(a => a.Action).ShouldBe(
            ["proposal.published", "proposal.approved", "proposal.approved", "proposal.submitted", "proposal.created", "playbook.created"]);
        audit.Items.Take(5).ShouldAllBe(a => a.ObjectId == proposal.Id.ToString());
        audit.Items.Select(a => a.ActorId).ShouldBe(["chris", "sam", "maria", "chris", "chris", "alex"]);
        audit.Items[0].Before.ShouldNotBeNull();
        audit.Items[0].After.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_author_cannot_approve_their_own_proposal_while_another_approver_can()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await app.SendAsync(tenant, Maria, new CreateProposalCommand(playbook, new CreateProposalRequest("Mine")));
        await app.SendAsync(tenant, Maria, new SubmitProposalCommand(proposal.Id));

        var code = await RefusedAsync(() => ReviewAsync(tenant, Maria, proposal.Id));
        var bySam = await ReviewAsync(tenant, Sam, proposal.Id);

        code.ShouldBe("proposal.self_review");
        bySam.Reviews.ShouldHaveSingleItem().ReviewerId.ShouldBe("sam");
    }

    [Fact]
    public async Task An_edit_after_an_approval_dismisses_it_and_a_replayed_approve_is_refused()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await OpenAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 30));
        await app.SendAsync(tenant, Chris, new SubmitProposalCommand(proposal.Id));
        var approved = await ReviewAsync(tenant, Maria, proposal.Id);

        var replay = await RefusedAsync(() => ReviewAsync(tenant, Maria, proposal.Id));
        var edited = await app.SendAsync(tenant, Chris, new UpdateProposalCommand(proposal.Id, approved.Revision,
            new UpdateProposalRequest(Document: Documents.Sample.WithRulePoints(0, 31).ToElement())));
        var again = await ReviewAsync(tenant, Maria, proposal.Id);

        replay.ShouldBe("proposal.already_approved");
        edited.Proposal.Reviews.ShouldHaveSingleItem().Dismissed.ShouldBeTrue();
        edited.Proposal.MissingApprovals.Select(m => m.Team).ShouldBe(["marketing", "sales"], ignoreOrder: true);
        edited.ChangedPaths.ShouldBe(["/scoring/rules/0/points"]);
        again.Reviews.Count(r => r.Decision == "approve" && !r.Dismissed).ShouldBe(1);
    }

    [Fact]
    public async Task A_json_patch_of_an_owned_section_raises_the_owners_approvals_and_patching_it_back_lowers_them()
    {
        if (Unavailable()) return;
        var tenant = await app.CreateTenantAsync();
        var owned = Documents.Sample with
        {
            Approval = new ApprovalSection { SectionOwners = [new SectionOwnerRule { Path = "/scoring", Team = Team.Sales, Approvals = 2 }] },
        };
        var playbook = await app.SendAsync(tenant, Alex, new CreatePlaybookCommand(new CreatePlaybookRequest("Owned", owned.ToElement())));
        var proposal = await OpenAsync(tenant, playbook.Id);
        var points = owned.Scoring.Rules[0].Points;

        UpdateProposalCommand Patch(int revision, double value) => new(proposal.Id, revision, new UpdateProposalRequest(),
            [new Domain.Json.JsonPatchOperation("replace", "/scoring/rules/0/points", null, System.Text.Json.Nodes.JsonValue.Create(value))]);
        var raised = await app.SendAsync(tenant, Chris, Patch(proposal.Revision, points + 5));
        var back = await app.SendAsync(tenant, Chris, Patch(raised.Proposal.Revision, points));

        raised.ChangedPaths.ShouldBe(["/scoring/rules/0/points"]);
        raised.Proposal.MissingApprovals.ShouldContain(m => m.Team == "sales" && m.Required == 2 && m.Reason == "changes under /scoring");
        back.ChangedPaths.ShouldBe(["/scoring/rules/0/points"]);
        back.Proposal.MissingApprovals.ShouldContain(m => m.Team == "sales" && m.Required == 1);
    }

    [Fact]
    public async Task Publishing_an_unapproved_proposal_is_refused_and_an_approved_one_is_not()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var unapproved = await OpenAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 30));
        await app.SendAsync(tenant, Chris, new SubmitProposalCommand(unapproved.Id));

        var refused = await Should.ThrowAsync<WorkflowException>(() => PublishAsync(tenant, unapproved.Id));
        var versions = await app.InDbAsync(tenant, db => db.PlaybookVersions.CountAsync());
        await ReviewAsync(tenant, Maria, unapproved.Id);
        await ReviewAsync(tenant, Sam, unapproved.Id);
        var published = await PublishAsync(tenant, unapproved.Id);

        refused.Code.ShouldBe("proposal.not_approved");
        refused.Failure.ShouldBe(WorkflowFailure.Conflict);
        versions.ShouldBe(1);
        published.Version.Number.ShouldBe(2);
    }

    [Fact]
    public async Task An_admin_override_is_flagged_in_the_version_and_the_audit_log()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await OpenAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 30));
        const string why = "Board asked for it before the quarter closes.";

        var byContributor = await RefusedAsync(() => PublishAsync(tenant, proposal.Id, Chris, why));
        var published = await PublishAsync(tenant, proposal.Id, Alex, why);
        var versions = await app.SendAsync(tenant, Alex, new ListVersionsQuery(playbook));
        var audit = await app.SendAsync(tenant, Alex, new ListAuditEntriesQuery(Limit: 1));

        byContributor.ShouldBe("proposal.override_not_allowed");
        published.Version.OverrideJustification.ShouldBe(why);
        published.Version.ApprovedBy.ShouldBeEmpty();
        versions.Items.Select(v => (v.Number, v.Override)).ShouldBe([(2, true), (1, false)]);
        audit.Items.ShouldHaveSingleItem().Action.ShouldBe("proposal.published_with_override");
    }

    [Fact]
    public async Task A_stale_If_Match_is_a_precondition_failure_and_the_current_one_lands()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await OpenAsync(tenant, playbook);

        var stale = await Should.ThrowAsync<PreconditionFailedException>(() => app.SendAsync(tenant, Chris,
            new UpdateProposalCommand(proposal.Id, proposal.Revision + 1, new UpdateProposalRequest(Title: "Stale"))));
        var fresh = await app.SendAsync(tenant, Chris, new UpdateProposalCommand(proposal.Id, proposal.Revision, new UpdateProposalRequest(Title: "Fresh")));

        stale.CurrentRevision.ShouldBe(proposal.Revision);
        fresh.Proposal.Title.ShouldBe("Fresh");
        fresh.Proposal.Revision.ShouldBe(proposal.Revision + 1);
    }

    [Fact]
    public async Task An_invalid_document_reports_every_problem_under_document_and_changes_nothing()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await OpenAsync(tenant, playbook);
        var invalid = Documents.Sample.WithRuleEventType(0, "podcast_listened").WithRuleEventType(1, "smoke_signal");

        var refused = await Should.ThrowAsync<FluentValidation.ValidationException>(() => app.SendAsync(tenant, Chris,
            new UpdateProposalCommand(proposal.Id, proposal.Revision, new UpdateProposalRequest(Document: invalid.ToElement()))));
        var after = await app.SendAsync(tenant, Chris, new GetProposalQuery(proposal.Id));

        refused.Errors.Select(e => e.PropertyName).ShouldBe(["/document/scoring/rules/0/eventType", "/document/scoring/rules/1/eventType"], ignoreOrder: true);
        refused.Errors.ShouldAllBe(e => e.ErrorCode == "event_type.unknown");
        after.Revision.ShouldBe(proposal.Revision);
    }

    [Fact]
    public async Task Another_tenants_proposal_is_not_found_while_the_owners_is()
    {
        if (Unavailable()) return;
        var (tenantA, playbookA) = await PlaybookAsync();
        var (tenantB, _) = await PlaybookAsync();
        var proposal = await OpenAsync(tenantA, playbookA);

        await Should.ThrowAsync<NotFoundException>(() => app.SendAsync(tenantB, Maria, new GetProposalQuery(proposal.Id)));
        await Should.ThrowAsync<NotFoundException>(() => app.SendAsync(tenantB, Maria, new ReviewProposalCommand(proposal.Id, new ReviewRequest("approve"))));
        await Should.ThrowAsync<NotFoundException>(() => app.SendAsync(tenantB, Maria, new CreateProposalCommand(playbookA, new CreateProposalRequest("x"))));
        (await app.SendAsync(tenantA, Maria, new GetProposalQuery(proposal.Id))).Id.ShouldBe(proposal.Id);
    }

    [Fact]
    public async Task A_write_without_a_membership_is_forbidden()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();

        await Should.ThrowAsync<ForbiddenException>(() => app.SendAsync(tenant, null, new CreateProposalCommand(playbook, new CreateProposalRequest("x"))));
        (await OpenAsync(tenant, playbook)).Status.ShouldBe("draft");
    }
}

public sealed class SqliteWorkflowTests(SqliteAppFixture app, ITestOutputHelper output) : WorkflowTests(app, output), IClassFixture<SqliteAppFixture>;

public sealed class PostgresWorkflowTests(PostgresAppFixture app, ITestOutputHelper output) : WorkflowTests(app, output), IClassFixture<PostgresAppFixture>;
