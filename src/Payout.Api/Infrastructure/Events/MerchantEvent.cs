using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Infrastructure.Events;

/// <summary>
/// One change of a payout, card or KYC level, written in the transaction of the change (<see cref="MerchantEvents"/>).
/// <see cref="Sequence"/> is given after commit, in commit order, by the events' sequencer: readers only ever see
/// sequenced rows, so a row that commits late gets a later number instead of a gap that was already read past.
/// </summary>
public sealed class MerchantEvent
{
    /// <summary>Insertion order; not published (ids of rows in flight may commit in any order).</summary>
    public long Id { get; set; }

    /// <summary>1, 2, 3 … over every merchant, without gaps; null until the sequencer reaches the row.</summary>
    public long? Sequence { get; set; }

    public Guid MerchantId { get; set; }

    public long CustomerId { get; set; }

    public required string Type { get; set; }

    public required string ObjectType { get; set; }

    public long ObjectId { get; set; }

    /// <summary>1 for the object's first event, then one more per event of the same object.</summary>
    public int Version { get; set; }

    /// <summary>The object as it was after the change, as JSON (the event's <c>data</c>).</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class MerchantEventConfiguration : IEntityTypeConfiguration<MerchantEvent>
{
    public void Configure(EntityTypeBuilder<MerchantEvent> builder)
    {
        builder.ToTable("merchant_events");
        builder.Property(e => e.Type).HasMaxLength(40);
        builder.Property(e => e.ObjectType).HasMaxLength(16);
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => new { e.MerchantId, e.Sequence });
        // The object's versions: one writer per object at a time (its caller holds the object's lock), and a second
        // would fail here instead of publishing two events with one version.
        builder.HasIndex(e => new { e.ObjectType, e.ObjectId, e.Version }).IsUnique();
        // What the sequencer reads: the few rows not numbered yet.
        builder.HasIndex(e => e.Id).HasFilter("sequence IS NULL").HasDatabaseName("ix_merchant_events_unsequenced");
    }
}
