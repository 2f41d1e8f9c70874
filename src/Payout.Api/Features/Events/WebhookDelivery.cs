using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Events;

/// <summary>
/// The webhook outbox: one row per event of a merchant with a webhook, queued by the sequencer in the transaction that
/// numbered the event. Leased like the payout outbox, so several processes share the work without sending one row twice
/// at once; and only the oldest pending row of an object (<see cref="OrderingKey"/>) can be claimed, so one payout's
/// events are delivered in order even when every process is sending.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>The event's sequence (one delivery per event).</summary>
    public long Sequence { get; set; }

    public Guid MerchantId { get; set; }

    /// <summary>The object the event is about (<c>payout:42</c>): deliveries of one key go one at a time, in sequence order.</summary>
    public required string OrderingKey { get; set; }

    public WebhookDeliveryState State { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public string? LeaseOwner { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static string OrderingKeyOf(string objectType, long objectId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{objectType}:{objectId}");
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Sequence);
        builder.Property(d => d.Sequence).ValueGeneratedNever();
        builder.Property(d => d.OrderingKey).HasMaxLength(40);
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LeaseOwner).HasMaxLength(64);
        builder.Property(d => d.LastError).HasMaxLength(200);
        builder.HasIndex(d => new { d.State, d.DueAt });
        // "Is an earlier delivery of this object still pending?" — asked for every candidate of a claim.
        builder.HasIndex(d => new { d.OrderingKey, d.Sequence }).HasFilter("state = 'Pending'").HasDatabaseName("ix_webhook_deliveries_pending_by_key");
    }
}
