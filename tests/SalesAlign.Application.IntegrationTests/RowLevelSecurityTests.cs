using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Features.Comments;
using SalesAlign.Application.Features.Meetings;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Meetings;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Infrastructure.Tenancy;
using Xunit.Abstractions;
using static SalesAlign.Application.IntegrationTests.Users;

namespace SalesAlign.Application.IntegrationTests;

/// <summary>PostgreSQL only: the proposal and meeting tables are behind row-level security too, not only the EF filter.</summary>
public sealed class ProposalRowLevelSecurityTests(PostgresAppFixture app, ITestOutputHelper output) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task Without_the_EF_filter_a_tenant_still_sees_only_its_own_proposals_reviews_comments_and_meetings()
    {
        if (app.UnavailableBecause is { } why)
        {
            output.WriteLine($"Not run: {why}");
            return;
        }
        var a = await SeedAsync();
        var b = await SeedAsync();

        var seen = await app.InDbAsync(a, async db => new[]
        {
            await db.Proposals.IgnoreQueryFilters([TenantQueryFilter.Name]).Select(p => p.TenantId).Distinct().ToListAsync(),
            await db.ProposalReviews.IgnoreQueryFilters([TenantQueryFilter.Name]).Select(p => p.TenantId).Distinct().ToListAsync(),
            await db.ProposalComments.IgnoreQueryFilters([TenantQueryFilter.Name]).Select(p => p.TenantId).Distinct().ToListAsync(),
            await db.Meetings.IgnoreQueryFilters([TenantQueryFilter.Name]).Select(p => p.TenantId).Distinct().ToListAsync(),
            await db.MeetingAgendaItems.IgnoreQueryFilters([TenantQueryFilter.Name]).Select(p => p.TenantId).Distinct().ToListAsync(),
        });

        seen.ShouldAllBe(tenants => tenants.Count == 1 && tenants[0] == a);
        b.ShouldNotBe(a);
    }

    private async Task<Guid> SeedAsync()
    {
        var tenant = await app.CreateTenantAsync();
        var playbook = await app.SendAsync(tenant, Alex, new CreatePlaybookCommand(new CreatePlaybookRequest("Default", Documents.Sample.ToElement())));
        var proposal = await app.SendAsync(tenant, Chris, new CreateProposalCommand(playbook.Id, new CreateProposalRequest("x")));
        await app.SendAsync(tenant, Chris, new SubmitProposalCommand(proposal.Id));
        await app.SendAsync(tenant, Maria, new ReviewProposalCommand(proposal.Id, new ReviewRequest("approve")));
        await app.SendAsync(tenant, Sam, new AddCommentCommand(proposal.Id, new CreateCommentRequest("ok")));
        var meeting = await app.SendAsync(tenant, Maria, new CreateMeetingCommand(new CreateMeetingRequest(playbook.Id, "Weekly", DateTimeOffset.UtcNow)));
        meeting.Agenda.ShouldHaveSingleItem();
        return tenant;
    }
}
