using Payout.Api.Domain.Pricing;

namespace Payout.Api.Domain.Payouts;

/// <summary>Everything the execute checks need, gathered by the caller (no I/O here).</summary>
/// <param name="OfferExpired">Pass false when quoting: a fresh quote is not expired, and the quote's
/// <c>reasons</c> must not list OFFER_EXPIRED. At execute, pass the real answer and take the first reason.</param>
/// <param name="CardApproved">The network approved the card and it is still on the customer's list.</param>
/// <param name="CardExpired">The card is past the last day of its expiry month.</param>
/// <param name="Amount">The offer's amount in the source crypto.</param>
/// <param name="Bounds">The pair's bounds in the crypto at the offer's rate.</param>
/// <param name="TotalDebited">Amount + all fees.</param>
/// <param name="AmountToEur">The offer's <c>amountTo</c> as counted against the limit (<c>KycLimits.ToEur</c>).</param>
/// <param name="FloatCovers">Our fiat at the payout network covers the offer's <c>amountTo</c>.</param>
public sealed record ExecutionFacts(
    KycLevel KycLevel,
    bool OfferExpired,
    bool CardApproved,
    bool CardExpired,
    bool HasBillingAddress,
    decimal Amount,
    CryptoBounds Bounds,
    decimal Balance,
    decimal TotalDebited,
    decimal AmountToEur,
    decimal RemainingLimitEur,
    bool FloatCovers = true);
