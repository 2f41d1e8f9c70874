using Payout.Api.Domain.Errors;

namespace Payout.Api.Domain.Payouts;

/// <summary>The checks before a payout (spec §8): the quote lists every failing one, execute answers the first.</summary>
public static class ExecutionChecks
{
    /// <summary>Executing a payout needs KYC_1 or higher (spec §3).</summary>
    public const KycLevel MinimumKycLevel = KycLevel.KYC_1;

    /// <summary>Every code <see cref="FailingReasons"/> can answer, in its order.</summary>
    public static readonly IReadOnlyList<ErrorCode> Codes =
    [
        ErrorCode.KYC_LEVEL_TOO_LOW, ErrorCode.OFFER_EXPIRED, ErrorCode.CARD_NOT_APPROVED, ErrorCode.CARD_EXPIRED,
        ErrorCode.BILLING_ADDRESS_REQUIRED, ErrorCode.AMOUNT_BELOW_MINIMUM, ErrorCode.AMOUNT_ABOVE_MAXIMUM,
        ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.LIMIT_EXCEEDED, ErrorCode.NETWORK_FLOAT_LOW,
    ];

    /// <summary>
    /// Every failing check, in the order of spec §8 (the quote's <c>reasons</c>; execute answers the first).
    /// NETWORK_FLOAT_LOW comes last: it is about our side, not the customer's — the fiat we hold at the network.
    /// </summary>
    public static IReadOnlyList<ErrorCode> FailingReasons(ExecutionFacts facts)
    {
        var failed = new List<ErrorCode>();
        AddIf(failed, facts.KycLevel < MinimumKycLevel, ErrorCode.KYC_LEVEL_TOO_LOW);
        AddIf(failed, facts.OfferExpired, ErrorCode.OFFER_EXPIRED);
        AddIf(failed, !facts.CardApproved, ErrorCode.CARD_NOT_APPROVED);
        AddIf(failed, facts.CardExpired, ErrorCode.CARD_EXPIRED);
        AddIf(failed, !facts.HasBillingAddress, ErrorCode.BILLING_ADDRESS_REQUIRED);
        AddIf(failed, facts.Amount < facts.Bounds.MinAmountFrom, ErrorCode.AMOUNT_BELOW_MINIMUM);
        AddIf(failed, facts.Amount > facts.Bounds.MaxAmountFrom, ErrorCode.AMOUNT_ABOVE_MAXIMUM);
        AddIf(failed, facts.Balance < facts.TotalDebited, ErrorCode.INSUFFICIENT_FUNDS);
        AddIf(failed, facts.AmountToEur > facts.RemainingLimitEur, ErrorCode.LIMIT_EXCEEDED);
        AddIf(failed, !facts.FloatCovers, ErrorCode.NETWORK_FLOAT_LOW);
        return failed;
    }

    /// <summary><c>possibleToExecute</c>: no check fails.</summary>
    public static bool PossibleToExecute(ExecutionFacts facts) => FailingReasons(facts).Count == 0;

    /// <summary>The answer execute gives for a failed check: the code's own message, except that KYC names the level needed.</summary>
    public static Failure Refusal(ErrorCode failed) => failed == ErrorCode.KYC_LEVEL_TOO_LOW
        ? KycLevels.TooLow(MinimumKycLevel)
        : new Failure(failed);

    private static void AddIf(List<ErrorCode> failed, bool failing, ErrorCode code)
    {
        if (failing)
        {
            failed.Add(code);
        }
    }
}
