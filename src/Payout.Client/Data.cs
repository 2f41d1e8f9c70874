namespace Payout.Client;

/// <summary>The answer of <c>GET /v4/payout/data</c>: fees, the customer's cards with limits, and the pairs.</summary>
public sealed record PayoutData
{
    /// <summary>The fee settings.</summary>
    public PayoutFees Fees { get; init; } = new();

    /// <summary>The customer's cards, each with its per-pair limits.</summary>
    public IReadOnlyList<CardWithLimits> Cards { get; init; } = [];

    /// <summary>Every supported crypto → fiat pair with its customer rate.</summary>
    public IReadOnlyList<CurrencyPair> Pairs { get; init; } = [];

    /// <summary>How long to show these figures before fetching them again (not an offer's lifetime).</summary>
    public int ValidSeconds { get; init; }
}

/// <summary>Fee settings; fractions are e.g. <c>0.035</c> for 3.5 %.</summary>
public sealed record PayoutFees
{
    /// <summary>The spread applied to the market rate, as a fraction.</summary>
    public decimal Rate { get; init; }

    /// <summary>A fixed fee in the target fiat.</summary>
    public decimal FixFee { get; init; }

    /// <summary>The partner's fee, as a fraction.</summary>
    public decimal PartnerFee { get; init; }

    /// <summary>An additional fee, as a fraction.</summary>
    public decimal AdditionalFee { get; init; }

    /// <summary>The network fee, as a fraction (Vault's field name).</summary>
    public decimal CrypteriumGas { get; init; }

    /// <summary>The transaction fee, as a fraction.</summary>
    public decimal TransactionFee { get; init; }
}

/// <summary>A card as <c>/data</c> lists it, with what can be paid out to it per pair.</summary>
public sealed record CardWithLimits
{
    /// <summary>The card's id.</summary>
    public long CardId { get; init; }

    /// <summary>One of <see cref="CardTypes"/>.</summary>
    public string CardType { get; init; } = "";

    /// <summary>First four, <c>***</c>, last four.</summary>
    public string MaskedPan { get; init; } = "";

    /// <summary>One of <see cref="CardValidationStatus"/>.</summary>
    public string ValidationStatus { get; init; } = "";

    /// <summary>The bounds per pair for this card.</summary>
    public IReadOnlyList<PairLimit> PairsLimits { get; init; } = [];
}

/// <summary>Per-payout bounds of one pair for one card, in the source crypto.</summary>
public sealed record PairLimit
{
    /// <summary>The crypto, e.g. <c>USDT</c>.</summary>
    public string CurrencyFrom { get; init; } = "";

    /// <summary>The fiat, e.g. <c>EUR</c>.</summary>
    public string CurrencyTo { get; init; } = "";

    /// <summary>The smallest amount one payout may have.</summary>
    public decimal MinAmountFrom { get; init; }

    /// <summary>The largest amount one payout may have.</summary>
    public decimal MaxAmountFrom { get; init; }

    /// <summary>The most the customer can pay out now (balance after fees, bounds and KYC limit); 0 when under the minimum.</summary>
    public decimal AllAmountFrom { get; init; }
}

/// <summary>A supported pair with the customer's rate and default bounds.</summary>
public sealed record CurrencyPair
{
    /// <summary>Fiat received per one unit of crypto (the customer's rate).</summary>
    public decimal Rate { get; init; }

    /// <summary>The crypto.</summary>
    public string CurrencyFrom { get; init; } = "";

    /// <summary>The fiat.</summary>
    public string CurrencyTo { get; init; } = "";

    /// <summary>Decimals allowed in the crypto amount.</summary>
    public int AmountScaleFrom { get; init; }

    /// <summary>Decimals of the fiat amount.</summary>
    public int AmountScaleTo { get; init; }

    /// <summary>The smallest amount of one payout, in the crypto.</summary>
    public decimal DefaultMinAmountFrom { get; init; }

    /// <summary>The largest amount of one payout, in the crypto.</summary>
    public decimal DefaultMaxAmountFrom { get; init; }

    /// <summary>The most the customer can pay out now in this pair, regardless of card.</summary>
    public decimal DefaultMaxAmountAll { get; init; }
}
