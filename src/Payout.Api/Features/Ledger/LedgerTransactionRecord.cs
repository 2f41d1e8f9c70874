using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Ledger;

/// <summary>A stored ledger transaction: the header its postings hang from. Append-only.</summary>
public sealed class LedgerTransactionRecord
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class LedgerTransactionConfiguration : IEntityTypeConfiguration<LedgerTransactionRecord>
{
    public void Configure(EntityTypeBuilder<LedgerTransactionRecord> builder)
    {
        builder.ToTable("ledger_transactions");
        builder.Property(t => t.Kind).HasMaxLength(32);
    }
}
