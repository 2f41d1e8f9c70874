namespace Payout.Api.Domain.Errors;

/// <summary>
/// What clears a failure, for a client to act on without parsing the message: the error body's <c>data</c>, and the
/// members beside each code of an offer's <c>reasonDetails</c>. Each member is set only for the codes it concerns
/// (see <c>ExecutionRemedies</c>); amounts are at their currency's scale, instants in UTC.
/// </summary>
public sealed record Remedy
{
    /// <summary>When waiting clears it: the instant from which the same request can pass (LIMIT_EXCEEDED, NETWORK_FLOAT_LOW).</summary>
    public DateTimeOffset? RetryAfter { get; init; }

    /// <summary>LIMIT_EXCEEDED: what the KYC limit still allows now, in <see cref="Currency"/> (EUR).</summary>
    public decimal? Allowed { get; init; }

    /// <summary>INSUFFICIENT_FUNDS: how much more the balance needs, in <see cref="Currency"/> (the crypto of the offer or withdrawal).</summary>
    public decimal? Needed { get; init; }

    /// <summary>AMOUNT_BELOW_MINIMUM, AMOUNT_ABOVE_MAXIMUM: the bound the amount must meet, in <see cref="Currency"/>.</summary>
    public decimal? Bound { get; init; }

    /// <summary>The currency of <see cref="Allowed"/>, <see cref="Needed"/> or <see cref="Bound"/>.</summary>
    public string? Currency { get; init; }

    /// <summary>KYC_LEVEL_TOO_LOW: the level needed.</summary>
    public KycLevel? KycLevel { get; init; }

    /// <summary>OFFER_EXPIRED of an offer with a slippage band the rate moved out of: the customer rate now (a re-quote's, about).</summary>
    public decimal? FreshRate { get; init; }
}
