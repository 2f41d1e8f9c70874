namespace Payout.Api.Domain.Ledger;

/// <summary>The kinds of ledger account (spec §10). Only customer wallets must never go below zero.</summary>
public enum AccountType
{
    /// <summary>A customer's balance in one currency.</summary>
    CustomerWallet = 1,

    /// <summary>Money that came in from outside (a blockchain deposit); its balance is minus all deposits.</summary>
    Deposits = 2,

    /// <summary>Debited from wallets at execute, waiting for the payout network's final answer.</summary>
    PayoutsInFlight = 3,

    /// <summary>Amounts of payouts the network confirmed as paid.</summary>
    SettledPayouts = 4,

    /// <summary>Our fees from settled payouts.</summary>
    FeeRevenue = 5,

    /// <summary>The partner's share of fees from settled payouts.</summary>
    PartnerRevenue = 6,

    /// <summary>Our fiat pre-funded at the payout network; it cannot go below zero either.</summary>
    NetworkFloat = 7,

    /// <summary>Fiat reserved from the float for payouts the network has not finished.</summary>
    FiatInFlight = 8,

    /// <summary>Fiat the network paid to cards.</summary>
    FiatPaidOut = 9,
}

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
