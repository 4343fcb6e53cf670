using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SalesAlign.Domain.Webhooks;

namespace SalesAlign.Infrastructure.Persistence.Configurations;

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.ToTable("webhooks");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        // Deliveries reference (TenantId, Id), so the database refuses a delivery under another tenant's webhook.
        builder.HasAlternateKey(w => new { w.TenantId, w.Id });
        builder.Property(w => w.Url).HasMaxLength(Webhook.MaxUrlLength).IsRequired();
        builder.PrimitiveCollection(w => w.EventTypes).IsRequired();
        builder.Property(w => w.Secret).HasMaxLength(100).IsRequired();
        builder.Property(w => w.PreviousSecret).HasMaxLength(100);
        builder.Property(w => w.CreatedBy).HasMaxLength(128).IsRequired();
        builder.HasMany<WebhookDelivery>().WithOne()
            .HasForeignKey(d => new { d.TenantId, d.WebhookId })
            .HasPrincipalKey(w => new { w.TenantId, w.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.EventType).HasMaxLength(64).IsRequired();
        builder.Property(d => d.Payload).IsRequired();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        // Unix milliseconds: the worker compares it with now, which SQLite cannot do with a DateTimeOffset.
        builder.Property(d => d.NextAttemptAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        builder.Property(d => d.LastError).HasMaxLength(WebhookDelivery.MaxErrorLength);
        builder.Property(d => d.ResponseExcerpt).HasMaxLength(WebhookDelivery.MaxResponseExcerptLength);
        // One delivery per event and webhook, so a dispatcher that redelivers a batch after a crash adds nothing.
        builder.HasIndex(d => new { d.TenantId, d.WebhookId, d.EventSeq }).IsUnique();
        // The worker's question: which pending deliveries are due.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
    }
}
