using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesAlign.Domain.Meetings;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Proposals;

namespace SalesAlign.Infrastructure.Persistence.Configurations;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("meetings");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        // Agenda items reference (TenantId, Id), so the database refuses an item under another tenant's meeting.
        builder.HasAlternateKey(m => new { m.TenantId, m.Id });
        builder.HasIndex(m => new { m.TenantId, m.PlaybookId });
        builder.Property(m => m.Title).HasMaxLength(200).IsRequired();
        builder.Property(m => m.Minutes).HasMaxLength(Meeting.MaxMinutesLength);
        // A primitive collection: a JSON array on SQLite and SQL Server, text[] on PostgreSQL. Attendees are
        // read with the meeting and never queried by, so they need no table of their own.
        builder.PrimitiveCollection(m => m.Attendees).IsRequired();
        builder.Property(m => m.CreatedBy).HasMaxLength(128).IsRequired();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        // The domain increments Revision on every change (Meeting.Touch), as for proposals.
        builder.Property(m => m.Revision).IsConcurrencyToken();
        builder.HasOne<Playbook>().WithMany()
            .HasForeignKey(m => new { m.TenantId, m.PlaybookId })
            .HasPrincipalKey(p => new { p.TenantId, p.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Agenda).WithOne()
            .HasForeignKey(i => new { i.TenantId, i.MeetingId })
            .HasPrincipalKey(m => new { m.TenantId, m.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingAgendaItemConfiguration : IEntityTypeConfiguration<MeetingAgendaItem>
{
    public void Configure(EntityTypeBuilder<MeetingAgendaItem> builder)
    {
        builder.ToTable("meeting_agenda_items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(i => i.Decision).HasConversion<string>().HasMaxLength(24);
        builder.Property(i => i.RejectionReasonKey).HasMaxLength(64);
        builder.Property(i => i.Notes).HasMaxLength(4000);
        builder.Property(i => i.DecidedBy).HasMaxLength(128);
        builder.HasIndex(i => new { i.TenantId, i.ProposalId });
        builder.HasOne<Proposal>().WithMany()
            .HasForeignKey(i => new { i.TenantId, i.ProposalId })
            .HasPrincipalKey(p => new { p.TenantId, p.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}
