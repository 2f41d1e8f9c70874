using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// The outbox: written in the execute transaction, so a payout that was debited is always sent, even when
/// the process dies right after the commit. Dispatchers lease entries, so several processes share the work
/// and never hold one entry at the same time.
/// </summary>
public sealed class PayoutOutboxEntry
{
    public long OperationId { get; set; }

    public DispatchState State { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public string? LeaseOwner { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class PayoutOutboxConfiguration : IEntityTypeConfiguration<PayoutOutboxEntry>
{
    public void Configure(EntityTypeBuilder<PayoutOutboxEntry> builder)
    {
        builder.ToTable("payout_outbox");
        builder.HasKey(e => e.OperationId);
        builder.Property(e => e.OperationId).ValueGeneratedNever();
        builder.Property(e => e.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.LeaseOwner).HasMaxLength(64);
        builder.Property(e => e.LastError).HasMaxLength(200);
        // Only the entries still to do, in due order: the dispatcher's claim (state <> 'Done', ORDER BY due_at) reads
        // this index and stays cheap however many finished entries the table holds.
        builder.HasIndex(e => e.DueAt).HasDatabaseName("ix_payout_outbox_due_at_not_done").HasFilter("state <> 'Done'");
        builder.HasOne<PayoutOperation>().WithOne().HasForeignKey<PayoutOutboxEntry>(e => e.OperationId).HasConstraintName("fk_payout_outbox_payout_operations_operation_id").OnDelete(DeleteBehavior.Restrict);
    }
}
