namespace Payout.Api.Domain.Ledger;

/// <summary>Names one ledger account: a house account per currency, or a customer's wallet per currency.</summary>
public sealed record AccountKey
{
    private AccountKey(AccountType type, string currency, long? customerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        Type = type;
        Currency = currency;
        CustomerId = customerId;
    }

    public AccountType Type { get; }

    public string Currency { get; }

    public long? CustomerId { get; }

    /// <summary>A customer's wallet and our float are held to "never below zero"; other house accounts carry the other side.</summary>
    public bool MayGoNegative => !MustStayNonNegative(Type);

    public static bool MustStayNonNegative(AccountType type) => type is AccountType.CustomerWallet or AccountType.NetworkFloat;

    public static AccountKey Wallet(long customerId, string currency) => new(AccountType.CustomerWallet, currency, customerId);

    public static AccountKey House(AccountType type, string currency) =>
        type == AccountType.CustomerWallet
            ? throw new ArgumentException("A wallet belongs to a customer.", nameof(type))
            : new AccountKey(type, currency, null);

    /// <summary>A stable, unique text name, used as the account's natural key in the database.</summary>
    public string Code => CustomerId is { } id ? $"wallet:{id}:{Currency}" : $"house:{Type}:{Currency}";

    public override string ToString() => Code;
}
