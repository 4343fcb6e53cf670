using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SalesAlign.Domain.Auditing;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Live;
using SalesAlign.Domain.Meetings;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;
using SalesAlign.Domain.Webhooks;

namespace SalesAlign.Application.Common.Abstractions;

/// <summary>
/// What handlers use directly: tenant-owned sets are already filtered to the current tenant, and saving
/// refuses foreign or tenant-less writes. No repositories on top: the sets are the query surface.
/// </summary>
public interface IAppDbContext
{
    DbSet<Tenant> Tenants { get; }

    DbSet<Agency> Agencies { get; }

    DbSet<AgencyMembership> AgencyMemberships { get; }

    DbSet<Membership> Memberships { get; }

    DbSet<Playbook> Playbooks { get; }

    DbSet<PlaybookVersion> PlaybookVersions { get; }

    DbSet<AuditEntry> AuditEntries { get; }

    DbSet<Proposal> Proposals { get; }

    DbSet<ProposalReview> ProposalReviews { get; }

    DbSet<ProposalComment> ProposalComments { get; }

    DbSet<Meeting> Meetings { get; }

    DbSet<MeetingAgendaItem> MeetingAgendaItems { get; }

    DbSet<Webhook> Webhooks { get; }

    DbSet<WebhookDelivery> WebhookDeliveries { get; }
    /// <summary>Written through <see cref="ILiveEvents"/> only; <c>Seq</c> is assigned when saved.</summary>
    DbSet<OutboxEvent> OutboxEvents { get; }

    DbSet<Lead> Leads { get; }

    DbSet<LeadOutcome> LeadOutcomes { get; }

    DbSet<LeadCurrentScore> LeadScores { get; }

    DbSet<LeadScoreChange> LeadScoreChanges { get; }

    /// <summary>
    /// The tenant's lead-data version: one row per tenant, bumped by the save itself in the same transaction
    /// whenever leads or outcomes are added, changed or deleted. Read it (e.g. <c>LeadDataVersions.CurrentAsync()</c>)
    /// to key caches of anything computed from lead data; never write it.
    /// </summary>
    DbSet<LeadDataVersion> LeadDataVersions { get; }

    DbSet<IdempotentRequest> IdempotentRequests { get; }

    DbSet<LeadRescoreJob> LeadRescoreJobs { get; }

    DbSet<LeadImportJob> LeadImportJobs { get; }

    /// <summary>For the transaction behaviour only: handlers save once and never manage transactions.</summary>
    DatabaseFacade Database { get; }

    /// <summary>For long-running writers that commit in chunks (the CSV import): clear what they tracked between chunks.</summary>
    Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
