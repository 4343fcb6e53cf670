using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Proposals;

namespace SalesAlign.Infrastructure.Persistence.Configurations;

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.ToTable("proposals");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        // Reviews and comments reference (TenantId, Id), so the database refuses a child under another tenant's proposal.
        builder.HasAlternateKey(p => new { p.TenantId, p.Id });
        builder.HasIndex(p => new { p.TenantId, p.PlaybookId, p.Status });
        builder.Property(p => p.Title).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Rationale).HasMaxLength(4000);
        builder.Property(p => p.DraftJson).IsRequired();
        builder.Property(p => p.AuthorId).HasMaxLength(128).IsRequired();
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(24);
        // The domain increments Revision on every change (Proposal.Touch); the token makes a concurrent writer's
        // UPDATE match no row. Unlike Playbook, the save interceptor leaves it alone.
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.Ignore(p => p.IsOpen);
        builder.HasOne<Playbook>().WithMany()
            .HasForeignKey(p => new { p.TenantId, p.PlaybookId })
            .HasPrincipalKey(p => new { p.TenantId, p.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Reviews).WithOne()
            .HasForeignKey(r => new { r.TenantId, r.ProposalId })
            .HasPrincipalKey(p => new { p.TenantId, p.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProposalReviewConfiguration : IEntityTypeConfiguration<ProposalReview>
{
    public void Configure(EntityTypeBuilder<ProposalReview> builder)
    {
        builder.ToTable("proposal_reviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.ReviewerId).HasMaxLength(128).IsRequired();
        builder.Property(r => r.Decision).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Comment).HasMaxLength(4000);
        builder.Ignore(r => r.IsActiveApproval);
    }
}

internal sealed class ProposalCommentConfiguration : IEntityTypeConfiguration<ProposalComment>
{
    public void Configure(EntityTypeBuilder<ProposalComment> builder)
    {
        builder.ToTable("proposal_comments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => new { c.TenantId, c.ProposalId });
        builder.Property(c => c.AuthorId).HasMaxLength(128).IsRequired();
        builder.Property(c => c.Body).HasMaxLength(ProposalComment.MaxBodyLength).IsRequired();
        builder.Property(c => c.Path).HasMaxLength(512);
        builder.HasOne<Proposal>().WithMany()
            .HasForeignKey(c => new { c.TenantId, c.ProposalId })
            .HasPrincipalKey(p => new { p.TenantId, p.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
