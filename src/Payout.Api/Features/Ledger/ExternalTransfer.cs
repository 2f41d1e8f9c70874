using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Ledger;

/// <summary>
/// Money that came in from (or, when negative, went back out to) the outside world, with the operator's
/// reference. The unique reference is what makes "the same reference credits only once" hold across processes.
/// </summary>
public sealed class ExternalTransfer
{
    public long Id { get; set; }

    /// <summary>The customer whose wallet moved; null for a top-up of our float at the payout network.</summary>
    public long? CustomerId { get; set; }

    public required string Currency { get; set; }

    /// <summary>Positive for a deposit, negative for a withdrawal.</summary>
    public decimal Amount { get; set; }

    public string? Reference { get; set; }

    public long LedgerTransactionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ExternalTransferConfiguration : IEntityTypeConfiguration<ExternalTransfer>
{
    public void Configure(EntityTypeBuilder<ExternalTransfer> builder)
    {
        builder.ToTable("external_transfers");
        builder.Property(d => d.Currency).HasMaxLength(10);
        builder.Property(d => d.Reference).HasMaxLength(200);
        builder.HasIndex(d => d.Reference).IsUnique();
        builder.HasIndex(d => d.CustomerId);
        builder.HasOne<LedgerTransactionRecord>().WithMany().HasForeignKey(d => d.LedgerTransactionId).HasConstraintName("fk_external_transfers_ledger_transactions_ledger_transaction_id").OnDelete(DeleteBehavior.Restrict);
    }
}
