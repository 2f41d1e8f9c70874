namespace Payout.Client;

/// <summary>A customer to create (operator API).</summary>
/// <param name="MerchantId">The merchant the customer belongs to.</param>
/// <param name="Phone">E.164, e.g. <c>+447871239999</c>; unique per merchant.</param>
/// <param name="Password">The customer's password.</param>
/// <param name="KycLevel">One of <see cref="KycLevels"/>.</param>
public sealed record CreateCustomerRequest(Guid MerchantId, string Phone, string Password, string KycLevel)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() =>
        $"CreateCustomerRequest {{ MerchantId = {MerchantId}, Phone = {Phone}, Password = ***, KycLevel = {KycLevel} }}";
}

/// <summary>A customer as the operator API answers it.</summary>
public sealed record CustomerInfo
{
    /// <summary>The customer's id.</summary>
    public long CustomerId { get; init; }

    /// <summary>The merchant the customer belongs to.</summary>
    public Guid MerchantId { get; init; }

    /// <summary>The phone number, E.164.</summary>
    public string Phone { get; init; } = "";

    /// <summary>One of <see cref="KycLevels"/>.</summary>
    public string KycLevel { get; init; } = "";
}

/// <summary>KYC levels, low to high.</summary>
public static class KycLevels
{
    /// <summary>No payout endpoint may be used.</summary>
    public const string None = "NONE";

    /// <summary>Cards, data and quotes; no payouts.</summary>
    public const string Kyc0 = "KYC_0";

    /// <summary>Payouts up to the level's 30-day limit.</summary>
    public const string Kyc1 = "KYC_1";

    /// <summary>A higher limit.</summary>
    public const string Kyc2 = "KYC_2";

    /// <summary>The highest limit.</summary>
    public const string Kyc3 = "KYC_3";
}

/// <summary>A balance in one currency.</summary>
public sealed record CurrencyBalance
{
    /// <summary>The currency, e.g. <c>USDT</c>.</summary>
    public string Currency { get; init; } = "";

    /// <summary>The balance.</summary>
    public decimal Balance { get; init; }
}

/// <summary>A customer's balances in every crypto currency.</summary>
public sealed record CustomerBalances
{
    /// <summary>The customer's id.</summary>
    public long CustomerId { get; init; }

    /// <summary>One entry per crypto currency, 0 where the customer never had any.</summary>
    public IReadOnlyList<CurrencyBalance> Balances { get; init; } = [];
}
