using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Contracts.Playbooks;
using static SalesAlign.Application.IntegrationTests.Users;

namespace SalesAlign.Application.IntegrationTests;

/// <summary>What follows a save — here the playbook head's eviction — runs after commit, and not at all on rollback.</summary>
public abstract partial class WorkflowTests
{
    [Fact]
    public async Task A_read_between_a_publish_and_its_commit_cannot_keep_the_old_playbook_cached()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await ApprovedAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 42));
        PlaybookDto? readBeforeCommit = null;
        app.BeforeNextCommit = async () => readBeforeCommit = await app.SendAsync(tenant, Chris, new GetPlaybookQuery(playbook));

        await PublishAsync(tenant, proposal.Id);
        var readAfterCommit = await app.SendAsync(tenant, Chris, new GetPlaybookQuery(playbook));

        readBeforeCommit.ShouldNotBeNull().CurrentVersion.ShouldNotBeNull().Number.ShouldBe(1);
        readAfterCommit.CurrentVersion.ShouldNotBeNull().Number.ShouldBe(2);
        readAfterCommit.Revision.ShouldBe(readBeforeCommit.Revision + 1);
    }

    [Fact]
    public async Task A_publish_that_rolls_back_evicts_nothing()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await ApprovedAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 42));
        var cached = await app.SendAsync(tenant, Chris, new GetPlaybookQuery(playbook));
        // Changed behind the cache's back: only an eviction would make a read see the new name.
        await app.InDbAsync(tenant, db => db.Playbooks.Where(p => p.Id == playbook)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, "Renamed in the database")));
        app.BeforeNextCommit = () => throw new InvalidOperationException("commit abandoned");

        await Should.ThrowAsync<InvalidOperationException>(() => PublishAsync(tenant, proposal.Id));
        var afterRollback = await app.SendAsync(tenant, Chris, new GetPlaybookQuery(playbook));

        afterRollback.Name.ShouldBe(cached.Name);
        afterRollback.CurrentVersion.ShouldNotBeNull().Number.ShouldBe(1);
        var stored = await app.InDbAsync(tenant, db => db.Playbooks.Where(p => p.Id == playbook).Select(p => p.CurrentVersionNumber).SingleAsync());
        stored.ShouldBe(1);
    }
}
