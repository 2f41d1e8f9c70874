using System.Globalization;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Limits;
using Payout.Api.Domain.Money;

namespace Payout.Api.Domain.Payouts;

/// <summary>
/// What clears each failed execute check (issue 13, "actionable reasons"): the failure execute answers and an offer
/// lists in <c>reasonDetails</c>, with a message saying what to do and, where a figure or an instant says it better,
/// a <see cref="Remedy"/>. The checks themselves are <see cref="ExecutionChecks"/>.
/// </summary>
public static class ExecutionRemedies
{
    /// <summary>The failure for <paramref name="failed"/>, one of <see cref="ExecutionChecks.Codes"/>.</summary>
    public static Failure Explain(ErrorCode failed, ExecutionFacts facts, RefusalFacts refusal) => failed switch
    {
        ErrorCode.KYC_LEVEL_TOO_LOW => KycLevels.TooLow(ExecutionChecks.MinimumKycLevel),
        ErrorCode.OFFER_EXPIRED => OfferExpired(),
        ErrorCode.CARD_NOT_APPROVED => new Failure(failed,
            "The payout network has not approved this card (or it was removed): quote again for another card."),
        ErrorCode.CARD_EXPIRED => new Failure(failed, "The card has expired: add a valid card and quote again for it."),
        ErrorCode.BILLING_ADDRESS_REQUIRED => new Failure(failed,
            "Send the card's billing address (POST /v4/payout/card/{cardId}/billing-address), then execute again."),
        // Figures read back from the database may carry its scale (numeric(30,8)): each is put at its currency's scale,
        // rounded as where it was made (minimum up, maximum and limit down, shortfall up), which changes no value.
        ErrorCode.AMOUNT_BELOW_MINIMUM => Bound(failed, "at least", Rounding.Up(facts.Bounds.MinAmountFrom, refusal.From.Scale), refusal.From),
        ErrorCode.AMOUNT_ABOVE_MAXIMUM => Bound(failed, "at most", Rounding.Down(facts.Bounds.MaxAmountFrom, refusal.From.Scale), refusal.From),
        ErrorCode.INSUFFICIENT_FUNDS => Shortfall(facts, refusal.From),
        ErrorCode.LIMIT_EXCEEDED => LimitExceeded(facts, refusal.LimitFitsAgainAt),
        ErrorCode.NETWORK_FLOAT_LOW => FloatLow(refusal),
        _ => throw new ArgumentOutOfRangeException(nameof(failed), failed, "Not an execute check."),
    };

    /// <summary>
    /// An expired offer can be neither executed nor updated (spec §7): a new quote is what clears it. An offer with a
    /// slippage band the rate moved out of also gets the rate now (<c>SlippageBand.Refusal</c>).
    /// </summary>
    public static Failure OfferExpired() => new(ErrorCode.OFFER_EXPIRED,
        "This offer has expired and can no longer be executed or updated: quote again with POST /v4/payout/offer.");

    private static Failure Bound(ErrorCode failed, string direction, decimal bound, Currency from) => new(failed,
        Text($"The amount must be {direction} {bound} {from.Code} for this pair at this rate: quote again with such an amount."))
    {
        Remedy = new Remedy { Bound = bound, Currency = from.Code },
    };

    /// <summary>What the customer must add rounds up, like every figure the customer pays (spec §10).</summary>
    private static Failure Shortfall(ExecutionFacts facts, Currency from)
    {
        var needed = Rounding.Up(facts.TotalDebited - facts.Balance, from.Scale);
        var debit = Rounding.Normalize(facts.TotalDebited);
        return new Failure(ErrorCode.INSUFFICIENT_FUNDS,
            Text($"The balance is {needed} {from.Code} short of the amount and fees ({debit} {from.Code}): add at least that, or quote a smaller amount."))
        {
            Remedy = new Remedy { Needed = needed, Currency = from.Code },
        };
    }

    private static Failure LimitExceeded(ExecutionFacts facts, DateTimeOffset? fitsAgainAt)
    {
        var allowed = Rounding.Down(facts.RemainingLimitEur, KycLimits.EurScale);
        var payout = Rounding.Normalize(facts.AmountToEur);
        var when = fitsAgainAt is { } at
            ? Text($"enough of the rolling window frees at {at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} for this payout ({payout} {KycLimits.Eur})")
            : Text($"this payout ({payout} {KycLimits.Eur}) is more than the whole limit of KYC level {facts.KycLevel}");
        return new Failure(ErrorCode.LIMIT_EXCEEDED,
            Text($"The KYC limit allows {allowed} {KycLimits.Eur} now; {when}. Quote a smaller amount, or wait."))
        {
            Remedy = new Remedy { Allowed = allowed, Currency = KycLimits.Eur, RetryAfter = fitsAgainAt },
        };
    }

    private static Failure FloatLow(RefusalFacts refusal)
    {
        var seconds = (int)Math.Ceiling(refusal.FloatRetryAfter.TotalSeconds);
        return new Failure(ErrorCode.NETWORK_FLOAT_LOW,
            Text($"Payouts in this currency are paused until we top up our funds at the payout network: try again in {seconds} seconds."))
        {
            RetryAfterSeconds = seconds,
            Remedy = new Remedy { RetryAfter = refusal.Now.AddSeconds(seconds) },
        };
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
