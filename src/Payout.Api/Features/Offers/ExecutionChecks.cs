using Payout.Api.Domain;

namespace Payout.Api.Features.Offers;

/// <summary>Reason codes of the execute checks, exactly as the spec names them (§7, §8, §9).</summary>
public static class ExecutionReasons
{
    public const string KycLevelTooLow = "KYC_LEVEL_TOO_LOW";
    public const string OfferExpired = "OFFER_EXPIRED";
    public const string CardNotApproved = "CARD_NOT_APPROVED";
    public const string CardExpired = "CARD_EXPIRED";
    public const string BillingAddressRequired = "BILLING_ADDRESS_REQUIRED";
    public const string AmountBelowMinimum = "AMOUNT_BELOW_MINIMUM";
    public const string AmountAboveMaximum = "AMOUNT_ABOVE_MAXIMUM";
    public const string InsufficientFunds = "INSUFFICIENT_FUNDS";
    public const string LimitExceeded = "LIMIT_EXCEEDED";
    public const string NetworkFloatLow = "NETWORK_FLOAT_LOW";
}

/// <summary>Everything the execute checks need, gathered by the caller (no I/O here).</summary>
/// <param name="OfferExpired">Pass false when quoting: a fresh quote is not expired, and the quote's
/// <c>reasons</c> must not list OFFER_EXPIRED. At execute, pass the real answer and take the first reason.</param>
/// <param name="CardApproved">The card's <c>validationStatus</c> is APPROVED.</param>
/// <param name="CardExpired">The card is past the last day of its expiry month.</param>
/// <param name="Amount">The offer's amount in the source crypto.</param>
/// <param name="Bounds">The pair's bounds in the crypto at the offer's rate.</param>
/// <param name="TotalDebited">Amount + all fees.</param>
/// <param name="AmountToEur">The offer's <c>amountTo</c> as counted against the limit (<c>KycLimits.ToEur</c>).</param>
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

public static class ExecutionChecks
{
    /// <summary>Executing a payout needs KYC_1 or higher (spec §3).</summary>
    public const KycLevel MinimumKycLevel = KycLevel.KYC_1;

    /// <summary>
    /// Every failing check, in the order of spec §8. The quote lists them all as <c>reasons</c>; execute answers
    /// the first (KYC_LEVEL_TOO_LOW is a 403, the others 400).
    /// </summary>
    public static IReadOnlyList<string> FailingReasons(ExecutionFacts facts)
    {
        var reasons = new List<string>();
        AddIf(reasons, facts.KycLevel < MinimumKycLevel, ExecutionReasons.KycLevelTooLow);
        AddIf(reasons, facts.OfferExpired, ExecutionReasons.OfferExpired);
        AddIf(reasons, !facts.CardApproved, ExecutionReasons.CardNotApproved);
        AddIf(reasons, facts.CardExpired, ExecutionReasons.CardExpired);
        AddIf(reasons, !facts.HasBillingAddress, ExecutionReasons.BillingAddressRequired);
        AddIf(reasons, facts.Amount < facts.Bounds.MinAmountFrom, ExecutionReasons.AmountBelowMinimum);
        AddIf(reasons, facts.Amount > facts.Bounds.MaxAmountFrom, ExecutionReasons.AmountAboveMaximum);
        AddIf(reasons, facts.Balance < facts.TotalDebited, ExecutionReasons.InsufficientFunds);
        AddIf(reasons, facts.AmountToEur > facts.RemainingLimitEur, ExecutionReasons.LimitExceeded);
        // Last: it is about our side, not the customer's — the fiat we hold at the network.
        AddIf(reasons, !facts.FloatCovers, ExecutionReasons.NetworkFloatLow);
        return reasons;
    }

    /// <summary><c>possibleToExecute</c>: no check fails.</summary>
    public static bool PossibleToExecute(ExecutionFacts facts) => FailingReasons(facts).Count == 0;

    private static void AddIf(List<string> reasons, bool failed, string reason)
    {
        if (failed)
        {
            reasons.Add(reason);
        }
    }
}
