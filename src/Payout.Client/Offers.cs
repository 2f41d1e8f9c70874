namespace Payout.Client;

/// <summary>A quote request (<c>POST /v4/payout/offer</c>).</summary>
/// <param name="Amount">The crypto amount, &gt; 0, at most the currency's scale in decimals.</param>
/// <param name="FromCurrency">The crypto, e.g. <c>USDT</c>.</param>
/// <param name="ToCurrency">The fiat, e.g. <c>EUR</c>.</param>
/// <param name="CardId">The card to pay out to.</param>
/// <param name="MaxSlippage">The slippage band, 0 to 0.02 (null: none): after it expires, the offer still executes while the
/// rate stays within this fraction of its rate — at the better of the two for the customer.</param>
public sealed record CreateOfferRequest(decimal Amount, string FromCurrency, string ToCurrency, long CardId, decimal? MaxSlippage = null);

/// <summary>A re-quote of an offer (<c>PUT /v4/payout/offer/{offerId}</c>); the card stays.</summary>
/// <param name="Amount">The crypto amount.</param>
/// <param name="FromCurrency">The crypto.</param>
/// <param name="ToCurrency">The fiat.</param>
/// <param name="MaxSlippage">A new slippage band (0 to 0.02); null keeps the offer's.</param>
public sealed record UpdateOfferRequest(decimal Amount, string FromCurrency, string ToCurrency, decimal? MaxSlippage = null);

/// <summary>A quote: locked rate, fees, amount to receive and whether it can be executed now.</summary>
public sealed record Offer
{
    /// <summary>The offer's id (kept across updates).</summary>
    public long OfferId { get; init; }

    /// <summary>How long the quote lives from now; see <see cref="ExpiresAt"/>.</summary>
    public int ValidSeconds { get; init; }

    /// <summary>The crypto amount paid out (fees come on top).</summary>
    public decimal Amount { get; init; }

    /// <summary>The crypto.</summary>
    public string CurrencyFrom { get; init; } = "";

    /// <summary>The fiat the card receives: <c>Amount × Rate</c>, rounded down.</summary>
    public decimal AmountTo { get; init; }

    /// <summary>The fiat.</summary>
    public string CurrencyTo { get; init; } = "";

    /// <summary>The locked customer rate.</summary>
    public decimal Rate { get; init; }

    /// <summary>The fee lines, in the crypto: transaction fee, Crypterium GAS and additional fee always (in that order, even at 0), then the partner fee when charged.</summary>
    public IReadOnlyList<FeeLine> FeeInfo { get; init; } = [];

    /// <summary>True only when every execute check passes right now.</summary>
    public bool PossibleToExecute { get; init; }

    /// <summary>The remaining KYC limit.</summary>
    public MoneyAmount Limit { get; init; } = new();

    /// <summary>Why it cannot be executed (codes of <see cref="PayoutErrorCodes"/>); empty when it can.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>What clears each of <see cref="Reasons"/>, in the same order: the figure or instant to act on.</summary>
    public IReadOnlyList<ReasonDetail> ReasonDetails { get; init; } = [];

    /// <summary>When the quote expires.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The slippage band (0: none): see <see cref="CreateOfferRequest.MaxSlippage"/>.</summary>
    public decimal MaxSlippage { get; init; }
}

/// <summary>One fee of an offer, in the source crypto.</summary>
public sealed record FeeLine
{
    /// <summary>The currency of <see cref="Value"/>.</summary>
    public string Currency { get; init; } = "";

    /// <summary>A label to show, e.g. "Transaction fee".</summary>
    public string Name { get; init; } = "";

    /// <summary>Decimals of <see cref="Value"/>.</summary>
    public int Scale { get; init; }

    /// <summary>The fee.</summary>
    public decimal Value { get; init; }

    /// <summary>The code, one of <see cref="FeeTypes"/>.</summary>
    public string Type { get; init; } = "";
}

/// <summary>Values of <see cref="FeeLine.Type"/>.</summary>
public static class FeeTypes
{
    /// <summary>Percentage plus fixed fee; always listed, first.</summary>
    public const string TransactionFee = "TRANSACTION_FEE";

    /// <summary>The network fee ("Crypterium GAS"); always listed, second, even at 0.</summary>
    public const string CrypteriumGas = "CRYPTERIUM_GAS";

    /// <summary>An additional fee; always listed, third, even at 0.</summary>
    public const string AdditionalFee = "ADDITIONAL_FEE";

    /// <summary>The partner's fee; listed (after the other three) only when not zero.</summary>
    public const string PartnerFee = "PARTNER_FEE";
}

/// <summary>An amount with its currency.</summary>
public sealed record MoneyAmount
{
    /// <summary>The amount.</summary>
    public decimal Value { get; init; }

    /// <summary>The currency, e.g. <c>EUR</c>.</summary>
    public string Currency { get; init; } = "";
}
