namespace Payout.Client;

/// <summary>
/// What clears one reason an offer cannot be executed (<see cref="Offer.ReasonDetails"/>) or one error
/// (<see cref="PayoutApiException.Detail"/>, from the error body's <c>data</c>). Only the members that concern
/// <see cref="Code"/> are set.
/// </summary>
public sealed record ReasonDetail
{
    /// <summary>The code, one of <see cref="PayoutErrorCodes"/>.</summary>
    public string Code { get; init; } = "";

    /// <summary>What clears it, for people (not for program logic).</summary>
    public string Message { get; init; } = "";

    /// <summary>
    /// <see cref="PayoutErrorCodes.LimitExceeded"/>: when enough of the rolling window frees for this payout (null when
    /// waiting cannot clear it: the payout is more than the level's whole limit). <see cref="PayoutErrorCodes.NetworkFloatLow"/>:
    /// when to try again.
    /// </summary>
    public DateTimeOffset? RetryAfter { get; init; }

    /// <summary><see cref="PayoutErrorCodes.LimitExceeded"/>: what the KYC limit still allows now, in <see cref="Currency"/> (EUR).</summary>
    public decimal? Allowed { get; init; }

    /// <summary><see cref="PayoutErrorCodes.InsufficientFunds"/>: how much more the balance needs, in <see cref="Currency"/> (the offer's crypto).</summary>
    public decimal? Needed { get; init; }

    /// <summary>
    /// <see cref="PayoutErrorCodes.AmountBelowMinimum"/>: the minimum amount; <see cref="PayoutErrorCodes.AmountAboveMaximum"/>: the
    /// maximum; in <see cref="Currency"/> (the offer's crypto).
    /// </summary>
    public decimal? Bound { get; init; }

    /// <summary>The currency of <see cref="Allowed"/>, <see cref="Needed"/> or <see cref="Bound"/>.</summary>
    public string? Currency { get; init; }

    /// <summary><see cref="PayoutErrorCodes.KycLevelTooLow"/>: the level needed, e.g. <c>KYC_1</c>.</summary>
    public string? KycLevel { get; init; }

    /// <summary><see cref="PayoutErrorCodes.OfferExpired"/> of an offer whose rate moved out of its slippage band: the customer rate now.</summary>
    public decimal? FreshRate { get; init; }
}
