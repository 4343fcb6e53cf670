using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Proposals;
using static SalesAlign.Application.IntegrationTests.Users;

namespace SalesAlign.Application.IntegrationTests;

public abstract partial class WorkflowTests
{
    [Fact]
    public async Task Versions_are_listed_newest_first_read_by_number_and_diffed_in_words()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await ApprovedAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 42));
        await PublishAsync(tenant, proposal.Id);

        var firstPage = await app.SendAsync(tenant, Chris, new ListVersionsQuery(playbook, Limit: 1));
        var secondPage = await app.SendAsync(tenant, Chris, new ListVersionsQuery(playbook, firstPage.NextCursor, 1));
        var v1 = await app.SendAsync(tenant, Chris, new GetVersionQuery(playbook, 1));
        var diff = await app.SendAsync(tenant, Chris, new DiffVersionsQuery(playbook, 1, 2));

        firstPage.Items.ShouldHaveSingleItem().Number.ShouldBe(2);
        secondPage.Items.ShouldHaveSingleItem().Number.ShouldBe(1);
        secondPage.NextCursor.ShouldBeNull();
        v1.PublishedBy.ShouldBe("alex");
        v1.ProposalId.ShouldBeNull();
        var change = diff.Changes.ShouldHaveSingleItem();
        change.Path.ShouldBe("/scoring/rules/0/points");
        change.Kind.ShouldBe("modified");
        change.After!.Value.GetDouble().ShouldBe(42);
        await Should.ThrowAsync<Common.Errors.NotFoundException>(() => app.SendAsync(tenant, Chris, new GetVersionQuery(playbook, 9)));
    }

    [Fact]
    public async Task Playbooks_and_proposals_are_paged_with_the_limit_clamped()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        await app.SendAsync(tenant, Alex, new CreatePlaybookCommand(new CreatePlaybookRequest("SMB", Documents.Sample.ToElement())));
        foreach (var i in Enumerable.Range(0, 3))
            await OpenAsync(tenant, playbook, title: $"Proposal {i}");

        var playbooks = await app.SendAsync(tenant, Chris, new ListPlaybooksQuery(Limit: 0));
        var all = await app.SendAsync(tenant, Chris, new ListPlaybooksQuery(Limit: 1000));
        var proposals = await app.SendAsync(tenant, Chris, new ListProposalsQuery(playbook, Limit: 2));
        var rest = await app.SendAsync(tenant, Chris, new ListProposalsQuery(playbook, Cursor: proposals.NextCursor, Limit: 2));
        var inReview = await app.SendAsync(tenant, Chris, new ListProposalsQuery(playbook, Status: "inReview"));

        playbooks.Items.ShouldHaveSingleItem().Name.ShouldBe("Default");
        playbooks.NextCursor.ShouldNotBeNull();
        all.Items.Select(p => p.Name).ShouldBe(["Default", "SMB"]);
        proposals.Items.Select(p => p.Title).ShouldBe(["Proposal 2", "Proposal 1"]);
        rest.Items.ShouldHaveSingleItem().Title.ShouldBe("Proposal 0");
        rest.NextCursor.ShouldBeNull();
        inReview.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Rolling_back_is_a_proposal_with_an_old_versions_document()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        await PublishAsync(tenant, (await ApprovedAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 42))).Id);
        var v1 = await app.SendAsync(tenant, Chris, new GetVersionQuery(playbook, 1));

        var rollback = await app.SendAsync(tenant, Chris, new CreateProposalCommand(playbook, new CreateProposalRequest("Roll back to v1", Document: v1.Document)));
        await app.SendAsync(tenant, Chris, new SubmitProposalCommand(rollback.Id));
        await ReviewAsync(tenant, Maria, rollback.Id);
        await ReviewAsync(tenant, Sam, rollback.Id);
        var v3 = await PublishAsync(tenant, rollback.Id);

        v3.Version.Number.ShouldBe(3);
        v3.Version.ContentHash.ShouldBe(v1.ContentHash);
    }

    [Fact]
    public async Task A_new_proposal_without_a_document_starts_from_the_current_version()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();

        var proposal = await OpenAsync(tenant, playbook);
        var current = await app.SendAsync(tenant, Chris, new GetPlaybookQuery(playbook));

        proposal.BaseVersion.ShouldBe(1);
        proposal.AuthorId.ShouldBe("chris");
        proposal.Status.ShouldBe("draft");
        proposal.Draft.GetRawText().ShouldBe(current.CurrentVersion!.Document.GetRawText());
    }

    [Fact]
    public async Task A_proposals_diff_lists_what_its_draft_changes_against_its_base()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var unchanged = await OpenAsync(tenant, playbook);
        var changed = await OpenAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 42).WithCriterionPoints(0, 7));

        var none = await app.SendAsync(tenant, Chris, new GetProposalDiffQuery(unchanged.Id));
        var diff = await app.SendAsync(tenant, Chris, new GetProposalDiffQuery(changed.Id));

        none.Changes.ShouldBeEmpty();
        diff.BaseVersion.ShouldBe(1);
        diff.Changes.Select(c => c.Path).ShouldBe(["/icp/criteria/0/points", "/scoring/rules/0/points"], ignoreOrder: true);
    }
}
