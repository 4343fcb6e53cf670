using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Proposals;
using static SalesAlign.Application.IntegrationTests.Users;

namespace SalesAlign.Application.IntegrationTests;

public abstract partial class WorkflowTests
{
    [Fact]
    public async Task A_stale_proposal_is_refused_then_a_disjoint_rebase_merges_and_it_publishes()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var first = await ApprovedAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 42));
        var second = await ApprovedAsync(tenant, playbook, Documents.Sample.WithCriterionPoints(0, 7));
        await PublishAsync(tenant, first.Id);

        var stale = await app.SendAsync(tenant, Chris, new GetProposalQuery(second.Id));
        var refused = await RefusedAsync(() => PublishAsync(tenant, second.Id));
        var rebased = await app.SendAsync(tenant, Chris, new RebaseProposalCommand(second.Id, new RebaseRequest(), stale.Revision));
        await ReviewAsync(tenant, Maria, second.Id);
        await ReviewAsync(tenant, Sam, second.Id);
        var published = await PublishAsync(tenant, second.Id);

        stale.IsStale.ShouldBeTrue();
        refused.ShouldBe("proposal.stale");
        rebased.Clean.ShouldBeTrue();
        rebased.Proposal!.BaseVersion.ShouldBe(2);
        rebased.Proposal.IsStale.ShouldBeFalse();
        rebased.Proposal.Status.ShouldBe("inReview");
        rebased.Proposal.Reviews.ShouldAllBe(r => r.Dismissed);
        published.Version.Number.ShouldBe(3);
        var merged = published.Version.Document.ToDocument();
        merged.Scoring.Rules[0].Points.ShouldBe(42);
        merged.Icp.Criteria[0].Points.ShouldBe(7);
    }

    [Fact]
    public async Task Overlapping_changes_come_back_as_conflicts_and_nothing_changes_until_resolved()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var first = await ApprovedAsync(tenant, playbook, Documents.Sample.WithCriterionPoints(0, 11));
        var second = await ApprovedAsync(tenant, playbook, Documents.Sample.WithCriterionPoints(0, 12));
        await PublishAsync(tenant, first.Id);
        var before = await app.SendAsync(tenant, Chris, new GetProposalQuery(second.Id));

        var conflicted = await app.SendAsync(tenant, Chris, new RebaseProposalCommand(second.Id, new RebaseRequest()));
        var unchanged = await app.SendAsync(tenant, Chris, new GetProposalQuery(second.Id));
        var auditCount = await app.InDbAsync(tenant, db => db.AuditEntries.CountAsync(a => a.Action == "proposal.rebased"));
        var conflict = conflicted.Conflicts.ShouldHaveSingleItem();
        var resolved = await app.SendAsync(tenant, Chris, new RebaseProposalCommand(second.Id,
            new RebaseRequest(new Dictionary<string, string> { [conflict.Path] = "ours" })));

        conflicted.Clean.ShouldBeFalse();
        conflicted.Proposal.ShouldBeNull();
        conflict.Path.ShouldBe("/icp/criteria/0/points");
        conflict.Theirs!.Value.GetDouble().ShouldBe(11);
        conflict.Ours!.Value.GetDouble().ShouldBe(12);
        unchanged.Revision.ShouldBe(before.Revision);
        unchanged.BaseVersion.ShouldBe(1);
        unchanged.Status.ShouldBe("approved");
        auditCount.ShouldBe(0);
        resolved.Clean.ShouldBeTrue();
        resolved.Proposal!.BaseVersion.ShouldBe(2);
        resolved.Proposal.Draft.ToDocument().Icp.Criteria[0].Points.ShouldBe(12);
    }

    [Fact]
    public async Task Choosing_theirs_takes_the_published_value()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var first = await ApprovedAsync(tenant, playbook, Documents.Sample.WithCriterionPoints(0, 11));
        var second = await ApprovedAsync(tenant, playbook, Documents.Sample.WithCriterionPoints(0, 12).WithRulePoints(1, 3));
        await PublishAsync(tenant, first.Id);

        var resolved = await app.SendAsync(tenant, Chris, new RebaseProposalCommand(second.Id,
            new RebaseRequest(new Dictionary<string, string> { ["/icp/criteria/0/points"] = "theirs" })));

        var draft = resolved.Proposal!.Draft.ToDocument();
        draft.Icp.Criteria[0].Points.ShouldBe(11);
        draft.Scoring.Rules[1].Points.ShouldBe(3);
    }
}
