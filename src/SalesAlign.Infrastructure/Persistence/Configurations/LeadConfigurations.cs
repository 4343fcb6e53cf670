using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Infrastructure.Persistence.Configurations;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.ToTable("leads");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        // Children reference (TenantId, Id), so the database refuses an outcome or score under another tenant's lead.
        builder.HasAlternateKey(l => new { l.TenantId, l.Id });
        // External ids are per tenant: the same id in two tenants names two different leads.
        builder.HasIndex(l => new { l.TenantId, l.ExternalId }).IsUnique();
        // The analytics' scans: leads created in a period, MQLs in a period.
        builder.HasIndex(l => new { l.TenantId, l.CreatedAt });
        builder.HasIndex(l => new { l.TenantId, l.MqlAt });
        builder.Property(l => l.ExternalId).HasMaxLength(Lead.MaxExternalIdLength).IsRequired();
        builder.Property(l => l.FieldsJson).IsRequired();
        builder.Property(l => l.EventsJson).IsRequired();
        builder.Property(l => l.RejectionReason).HasMaxLength(LeadOutcome.MaxReasonLength);
        builder.Property(l => l.Amount).HasPrecision(18, 2);
        builder.Property(l => l.Revision).IsConcurrencyToken();
        builder.HasOne<Playbook>().WithMany()
            .HasForeignKey(l => new { l.TenantId, l.PlaybookId })
            .HasPrincipalKey(p => new { p.TenantId, p.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LeadOutcomeConfiguration : IEntityTypeConfiguration<LeadOutcome>
{
    public void Configure(EntityTypeBuilder<LeadOutcome> builder)
    {
        builder.ToTable("lead_outcomes");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.HasIndex(o => new { o.TenantId, o.LeadId, o.OccurredAt });
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.Reason).HasMaxLength(LeadOutcome.MaxReasonLength);
        builder.Property(o => o.Amount).HasPrecision(18, 2);
        builder.Property(o => o.RecordedBy).HasMaxLength(128).IsRequired();
        builder.HasOne<Lead>().WithMany()
            .HasForeignKey(o => new { o.TenantId, o.LeadId })
            .HasPrincipalKey(l => new { l.TenantId, l.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeadCurrentScoreConfiguration : IEntityTypeConfiguration<LeadCurrentScore>
{
    public void Configure(EntityTypeBuilder<LeadCurrentScore> builder)
    {
        builder.ToTable("lead_scores");
        builder.HasKey(s => new { s.TenantId, s.LeadId, s.PlaybookId });
        // The re-scoring job and per-playbook reads.
        builder.HasIndex(s => new { s.TenantId, s.PlaybookId, s.LeadId });
        builder.Property(s => s.FitGrade).HasMaxLength(16).IsRequired();
        builder.Property(s => s.Route).HasMaxLength(16).IsRequired();
        builder.HasOne<Lead>().WithMany()
            .HasForeignKey(s => new { s.TenantId, s.LeadId })
            .HasPrincipalKey(l => new { l.TenantId, l.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Playbook>().WithMany()
            .HasForeignKey(s => new { s.TenantId, s.PlaybookId })
            .HasPrincipalKey(p => new { p.TenantId, p.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LeadScoreChangeConfiguration : IEntityTypeConfiguration<LeadScoreChange>
{
    public void Configure(EntityTypeBuilder<LeadScoreChange> builder)
    {
        builder.ToTable("lead_score_changes");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedOnAdd();
        builder.HasIndex(s => new { s.TenantId, s.LeadId, s.Id });
        builder.Property(s => s.FitGrade).HasMaxLength(16).IsRequired();
        builder.Property(s => s.Route).HasMaxLength(16).IsRequired();
        builder.Property(s => s.Reason).HasMaxLength(LeadScoreChange.MaxReasonLength).IsRequired();
        builder.HasOne<Lead>().WithMany()
            .HasForeignKey(s => new { s.TenantId, s.LeadId })
            .HasPrincipalKey(l => new { l.TenantId, l.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeadDataVersionConfiguration : IEntityTypeConfiguration<LeadDataVersion>
{
    public void Configure(EntityTypeBuilder<LeadDataVersion> builder)
    {
        builder.ToTable("lead_data_versions");
        builder.HasKey(v => v.TenantId);
        builder.Property(v => v.TenantId).ValueGeneratedNever();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(v => v.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> builder)
    {
        builder.ToTable("idempotent_requests");
        builder.HasKey(r => new { r.TenantId, r.Key });
        builder.Property(r => r.Key).HasMaxLength(IdempotentRequest.MaxKeyLength);
        builder.Property(r => r.Operation).HasMaxLength(64).IsRequired();
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(r => r.ResponseJson).IsRequired();
        builder.HasIndex(r => new { r.TenantId, r.CreatedAt });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeadRescoreJobConfiguration : IEntityTypeConfiguration<LeadRescoreJob>
{
    public void Configure(EntityTypeBuilder<LeadRescoreJob> builder)
    {
        builder.ToTable("lead_rescore_jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.HasIndex(j => new { j.TenantId, j.Status });
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.Error).HasMaxLength(2000);
        builder.HasOne<Playbook>().WithMany()
            .HasForeignKey(j => new { j.TenantId, j.PlaybookId })
            .HasPrincipalKey(p => new { p.TenantId, p.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeadImportJobConfiguration : IEntityTypeConfiguration<LeadImportJob>
{
    public void Configure(EntityTypeBuilder<LeadImportJob> builder)
    {
        builder.ToTable("lead_import_jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.HasIndex(j => new { j.TenantId, j.Status });
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.RequestedBy).HasMaxLength(200).IsRequired();
        builder.Property(j => j.RejectedJson).IsRequired();
        builder.Property(j => j.Error).HasMaxLength(LeadImportJob.MaxErrorLength);
        // Two workers committing the same chunk: the second save finds the line moved on and rolls its chunk back.
        builder.Property(j => j.CommittedLine).IsConcurrencyToken();
        builder.HasOne<Playbook>().WithMany()
            .HasForeignKey(j => new { j.TenantId, j.PlaybookId })
            .HasPrincipalKey(p => new { p.TenantId, p.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
