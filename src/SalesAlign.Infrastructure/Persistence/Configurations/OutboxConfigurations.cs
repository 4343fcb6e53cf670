using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SalesAlign.Domain.Live;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Infrastructure.Persistence.Configurations;

internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    public void Configure(EntityTypeBuilder<OutboxEvent> builder)
    {
        builder.ToTable("outbox_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        // The database, not only the counter, refuses a duplicate seq: the last wall against a sequencing bug.
        builder.HasIndex(e => new { e.TenantId, e.Seq }).IsUnique();
        // The dispatcher's scan: a tenant's undispatched events in seq order.
        builder.HasIndex(e => new { e.TenantId, e.DispatchedAt, e.Seq });
        builder.Property(e => e.Type).HasMaxLength(64).IsRequired();
        builder.Property(e => e.ActorId).HasMaxLength(128).IsRequired();
        builder.Property(e => e.ObjectId).HasMaxLength(128);
        builder.Property(e => e.ClaimedBy).HasMaxLength(128);
        // UTC ticks: the dispatcher compares leases with now, and SQLite cannot compare DateTimeOffset in SQL.
        builder.Property(e => e.ClaimedUntil).HasConversion(UtcTicks);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TenantEventCounterConfiguration : IEntityTypeConfiguration<TenantEventCounter>
{
    public void Configure(EntityTypeBuilder<TenantEventCounter> builder)
    {
        builder.ToTable("tenant_event_counters");
        builder.HasKey(c => c.TenantId);
        builder.Property(c => c.TenantId).ValueGeneratedNever();
        builder.Property(c => c.NextAuditSeq).HasDefaultValue(1L);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
