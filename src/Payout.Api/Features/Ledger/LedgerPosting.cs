using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Ledger;

/// <summary>One signed movement on one account. Append-only: corrections are new transactions.</summary>
public sealed class LedgerPosting
{
    public long Id { get; set; }

    public long TransactionId { get; set; }

    public long AccountId { get; set; }

    /// <summary>Copied from the account so per-currency sums need no join.</summary>
    public required string Currency { get; set; }

    public decimal Amount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class LedgerPostingConfiguration : IEntityTypeConfiguration<LedgerPosting>
{
    public void Configure(EntityTypeBuilder<LedgerPosting> builder)
    {
        builder.ToTable("ledger_postings");
        builder.Property(p => p.Currency).HasMaxLength(10);
        builder.HasOne<LedgerTransactionRecord>().WithMany().HasForeignKey(p => p.TransactionId).HasConstraintName("fk_ledger_postings_ledger_transactions_transaction_id").OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LedgerAccount>().WithMany().HasForeignKey(p => p.AccountId).HasConstraintName("fk_ledger_postings_ledger_accounts_account_id").OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.AccountId);
    }
}
