using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Ledger;

/// <summary>A stored ledger transaction: the header its postings hang from. Append-only.</summary>
public sealed class LedgerTransactionRecord
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    /// <summary>The payout this transaction debits, settles or refunds; null for other movements.</summary>
    public long? PayoutOperationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class LedgerTransactionConfiguration : IEntityTypeConfiguration<LedgerTransactionRecord>
{
    public void Configure(EntityTypeBuilder<LedgerTransactionRecord> builder)
    {
        builder.ToTable("ledger_transactions");
        builder.Property(t => t.Kind).HasMaxLength(32);
        builder.HasIndex(t => t.PayoutOperationId);
    }
}
