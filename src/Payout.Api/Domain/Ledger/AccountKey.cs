namespace Payout.Api.Domain.Ledger;

/// <summary>
/// Names one ledger account: a customer's wallet per currency, or one shard of a house account per currency.
/// House accounts are split into shards (rows) so that concurrent payouts do not all wait on one row;
/// the house account's balance is the sum of its shards (see docs/decisions.md).
/// </summary>
public sealed record AccountKey
{
    private AccountKey(AccountType type, string currency, long? customerId, int shard)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        Type = type;
        Currency = currency;
        CustomerId = customerId;
        Shard = shard;
    }

    public AccountType Type { get; }

    public string Currency { get; }

    public long? CustomerId { get; }

    /// <summary>Which row of a house account; always 0 for a wallet.</summary>
    public int Shard { get; }

    public bool IsHouse => CustomerId is null;

    /// <summary>A customer's wallet and our float are held to "never below zero"; other house accounts carry the other side.</summary>
    public bool MayGoNegative => !MustStayNonNegative(Type);

    public static bool MustStayNonNegative(AccountType type) => type is AccountType.CustomerWallet or AccountType.NetworkFloat;

    public static AccountKey Wallet(long customerId, string currency) => new(AccountType.CustomerWallet, currency, customerId, 0);

    public static AccountKey House(AccountType type, string currency, int shard = 0) =>
        type == AccountType.CustomerWallet
            ? throw new ArgumentException("A wallet belongs to a customer.", nameof(type))
            : new AccountKey(type, currency, null, shard);

    /// <summary>The same house account, another shard.</summary>
    public AccountKey InShard(int shard) => IsHouse ? House(Type, Currency, shard) : throw new InvalidOperationException("A wallet has no shards.");

    /// <summary>
    /// A stable, unique text name, used as the account's natural key in the database. Shard 0 keeps the name
    /// house accounts had before they were sharded, so existing databases need no data migration.
    /// </summary>
    public string Code => CustomerId is { } id ? $"wallet:{id}:{Currency}"
        : Shard == 0 ? $"house:{Type}:{Currency}"
        : $"house:{Type}:{Currency}:{Shard.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public override string ToString() => Code;
}
