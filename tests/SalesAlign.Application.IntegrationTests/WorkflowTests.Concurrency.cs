using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Features.Comments;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Domain.Proposals;
using static SalesAlign.Application.IntegrationTests.Users;

namespace SalesAlign.Application.IntegrationTests;

public abstract partial class WorkflowTests
{
    [Fact]
    public async Task A_publish_whose_save_fails_leaves_no_version_no_status_change_and_no_audit_entry()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await ApprovedAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 42));
        // A concurrent writer bumps the playbook inside our transaction, just before our UPDATE: the revision
        // token then matches no row, as when another publish commits first.
        var revisionBefore = await app.InDbAsync(tenant, db => db.Playbooks.Where(p => p.Id == playbook).Select(p => p.Revision).SingleAsync());
        app.BeforeNextSave = db => db.Database.ExecuteSqlAsync($"""UPDATE playbooks SET "Revision" = "Revision" + 1 WHERE "Id" = {playbook}""");

        var refused = await Should.ThrowAsync<ConflictException>(() => PublishAsync(tenant, proposal.Id));
        var versions = await app.InDbAsync(tenant, db => db.PlaybookVersions.CountAsync(v => v.PlaybookId == playbook));
        var after = await app.SendAsync(tenant, Chris, new GetProposalQuery(proposal.Id));
        var published = await app.InDbAsync(tenant, db => db.AuditEntries.CountAsync(a => a.Action.StartsWith("proposal.published")));
        // The concurrent bump ran inside the command's transaction, so it was rolled back with everything else.
        var revisionAfter = await app.InDbAsync(tenant, db => db.Playbooks.Where(p => p.Id == playbook).Select(p => p.Revision).SingleAsync());
        var retried = await PublishAsync(tenant, proposal.Id);

        refused.Code.ShouldBe("proposal.stale");
        versions.ShouldBe(1);
        after.Status.ShouldBe("approved");
        after.Revision.ShouldBe(proposal.Revision);
        published.ShouldBe(0);
        revisionAfter.ShouldBe(revisionBefore);
        retried.Version.Number.ShouldBe(2);
    }

    [Fact]
    public async Task Two_concurrent_publishes_make_exactly_one_new_version()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var a = await ApprovedAsync(tenant, playbook, Documents.Sample.WithRulePoints(0, 42));
        var b = await ApprovedAsync(tenant, playbook, Documents.Sample.WithCriterionPoints(0, 7));

        var outcomes = await Task.WhenAll(new[] { a.Id, b.Id }.Select(id => Outcome(() => PublishAsync(tenant, id))));
        var numbers = await app.InDbAsync(tenant, db => db.PlaybookVersions.Where(v => v.PlaybookId == playbook).Select(v => v.Number).ToListAsync());

        outcomes.Count(o => o is null).ShouldBe(1);
        outcomes.Single(o => o is not null).ShouldBeOneOf("proposal.stale");
        numbers.Order().ShouldBe([1, 2]);
    }

    [Fact]
    public async Task Twenty_parallel_edits_with_one_If_Match_land_exactly_once()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await OpenAsync(tenant, playbook);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Outcome(() => app.SendAsync(tenant, Chris,
            new UpdateProposalCommand(proposal.Id, proposal.Revision, new UpdateProposalRequest(Title: $"Edit {i}"))))));
        var final = await app.SendAsync(tenant, Chris, new GetProposalQuery(proposal.Id));

        var landed = outcomes.Count(o => o is null);
        landed.ShouldBe(1);
        outcomes.Where(o => o is not null).ShouldAllBe(o => o == "412");
        final.Revision.ShouldBe(proposal.Revision + landed);
    }

    [Fact]
    public async Task Comments_anchor_to_paths_that_exist_in_the_draft()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await OpenAsync(tenant, playbook);

        var anchored = await app.SendAsync(tenant, Sam, new AddCommentCommand(proposal.Id, new CreateCommentRequest("Too generous?", "/icp/criteria/0/points")));
        var general = await app.SendAsync(tenant, Maria, new AddCommentCommand(proposal.Id, new CreateCommentRequest("Looks good overall.")));
        var missing = await Should.ThrowAsync<FluentValidation.ValidationException>(() => app.SendAsync(tenant, Sam,
            new AddCommentCommand(proposal.Id, new CreateCommentRequest("Where?", "/icp/criteria/99/points"))));
        var listed = await app.SendAsync(tenant, Chris, new ListCommentsQuery(proposal.Id));

        anchored.Path.ShouldBe("/icp/criteria/0/points");
        general.Path.ShouldBeNull();
        missing.Errors.ShouldHaveSingleItem().PropertyName.ShouldBe("/path");
        listed.Items.Select(c => c.AuthorId).ShouldBe(["sam", "maria"]);
    }

    /// <summary>null when the call landed; otherwise a short code for how it was refused.</summary>
    private static async Task<string?> Outcome(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (PreconditionFailedException)
        {
            return "412";
        }
        catch (WorkflowException ex)
        {
            return ex.Code;
        }
        catch (ConflictException ex)
        {
            return ex.Code;
        }
    }
}
