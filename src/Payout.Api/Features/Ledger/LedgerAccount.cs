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

    /// <summary>Which row of a house account (see <see cref="AccountKey.Shard"/>); 0 for a wallet.</summary>
    public int Shard { get; set; }

    public decimal Balance { get; set; }

    public AccountKey Key => CustomerId is { } id ? AccountKey.Wallet(id, Currency) : AccountKey.House(Type, Currency, Shard);
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
        builder.Ignore(a => a.Key);
        // A house account's shards, found without scanning every wallet (balances are summed over them).
        builder.HasIndex(a => new { a.Type, a.Currency, a.Shard }).HasFilter("customer_id IS NULL");
    }
}
