using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payout.Api.Domain.Ledger;

namespace Payout.Api.Features.Ledger;

/// <summary>
/// One account with its running balance. The balance is a cache of the sum of its postings, kept in step
/// in the same transaction; it exists so that "never below zero" is one conditional UPDATE the database
/// enforces, and the invariant checker proves the cache right.
/// </summary>
public sealed class LedgerAccount
{
    public long Id { get; set; }

    public required string Code { get; set; }

    public AccountType Type { get; set; }

    public required string Currency { get; set; }

    public long? CustomerId { get; set; }

    public decimal Balance { get; set; }
}

internal sealed class LedgerAccountConfiguration : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> builder)
    {
        builder.ToTable("ledger_accounts", t => t.HasCheckConstraint(
            "ck_ledger_accounts_not_negative",
            $"type NOT IN ({(int)AccountType.CustomerWallet}, {(int)AccountType.NetworkFloat}) OR balance >= 0"));
        builder.Property(a => a.Code).HasMaxLength(80);
        builder.Property(a => a.Currency).HasMaxLength(10);
        builder.HasIndex(a => a.Code).IsUnique();
        builder.HasIndex(a => a.CustomerId);
    }
}
