using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Domain.Auditing;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Live;
using SalesAlign.Domain.Meetings;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;
using SalesAlign.Domain.Webhooks;
using SalesAlign.Infrastructure.Identity;
using SalesAlign.Infrastructure.Outbox;
using SalesAlign.Infrastructure.Tenancy;

namespace SalesAlign.Infrastructure.Persistence;

/// <summary>
/// The model, shared by every provider. Each provider has its own subclass only so that its migrations
/// live apart (<c>dotnet ef … --context SqliteAppDbContext</c>); none of them adds anything else.
/// </summary>
public abstract class AppDbContext(DbContextOptions options, ITenantContext tenantContext) : IdentityDbContext<ApplicationUser>(options), IAppDbContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<AgencyMembership> AgencyMemberships => Set<AgencyMembership>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Playbook> Playbooks => Set<Playbook>();

    public DbSet<PlaybookVersion> PlaybookVersions => Set<PlaybookVersion>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Proposal> Proposals => Set<Proposal>();

    public DbSet<ProposalReview> ProposalReviews => Set<ProposalReview>();

    public DbSet<ProposalComment> ProposalComments => Set<ProposalComment>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<MeetingAgendaItem> MeetingAgendaItems => Set<MeetingAgendaItem>();

    public DbSet<Webhook> Webhooks => Set<Webhook>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();

    public DbSet<TenantEventCounter> TenantEventCounters => Set<TenantEventCounter>();

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<LeadOutcome> LeadOutcomes => Set<LeadOutcome>();

    public DbSet<LeadCurrentScore> LeadScores => Set<LeadCurrentScore>();

    public DbSet<LeadScoreChange> LeadScoreChanges => Set<LeadScoreChange>();

    public DbSet<LeadDataVersion> LeadDataVersions => Set<LeadDataVersion>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    public DbSet<LeadRescoreJob> LeadRescoreJobs => Set<LeadRescoreJob>();

    public DbSet<LeadImportJob> LeadImportJobs => Set<LeadImportJob>();

    /// <summary>Read by the tenant query filter on every query, so it must stay a member of the context.</summary>
    internal Guid? CurrentTenantId => tenantContext.TenantId;

    /// <summary>What runs once this context's transaction commits (see <see cref="AfterCommitWork"/>).</summary>
    public AfterCommitWork AfterCommit => field ??= new AfterCommitWork(this);

    /// <summary>
    /// Numbers the outbox rows and audit entries of this save (see <see cref="TenantSequence"/>). Here rather than in an interceptor
    /// so that every host and test fixture gets it without registering anything; a save without a transaction
    /// gets one, because the counter and the rows must commit or roll back together.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var events = TenantSequence.HasPending(this);
        var leadWrites = LeadDataVersioning.HasLeadWrites(this);
        if (!events && !leadWrites)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is not null)
            return await SaveNumberedAsync(events, leadWrites, acceptAllChangesOnSuccess, cancellationToken);
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var saved = await SaveNumberedAsync(events, leadWrites, acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>
    /// Also bumps the tenant's lead-data version when leads or outcomes change (<see cref="LeadDataVersioning"/>),
    /// in the same transaction, so a cache keyed by it can never see new data under an old number.
    /// </summary>
    private async Task<int> SaveNumberedAsync(bool events, bool leadWrites, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        AfterCommit.WakeDispatcherOnCommit();
        if (events)
            await TenantSequence.AssignAsync(this, cancellationToken);
        if (leadWrites)
            await LeadDataVersioning.BumpAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        TenantSequence.HasPending(this) || LeadDataVersioning.HasLeadWrites(this)
            ? throw new InvalidOperationException("Outbox events, audit entries and lead writes are saved with SaveChangesAsync only.")
            : base.SaveChanges(acceptAllChangesOnSuccess);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's and OpenIddict's tables are global: users and clients exist across tenants.
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        builder.ApplyTenantQueryFilter(this);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as names: the stored value survives reordering the enum, and reads in a SQL console.
        configurationBuilder.Properties<MemberTeam>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<MemberRole>().HaveConversion<string>().HaveMaxLength(16);
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, ITenantContext tenantContext)
    : AppDbContext(options, tenantContext);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, ITenantContext tenantContext)
    : AppDbContext(options, tenantContext);

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options, ITenantContext tenantContext)
    : AppDbContext(options, tenantContext);
