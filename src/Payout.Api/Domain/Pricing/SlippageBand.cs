using System.Globalization;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Money;

namespace Payout.Api.Domain.Pricing;

/// <summary>
/// The slippage band (issue 13): an offer may carry <c>maxSlippage</c>, a fraction of its locked rate. Executing it after
/// it expired still works when the fresh customer rate is within that fraction of the locked rate — at the fresh rate when
/// that is better for the customer (more fiat per unit), at the locked rate otherwise — so the customer never gets less
/// than the rate they were shown. Outside the band, or with no band (0, the default), the offer has simply expired.
/// Every comparison is exact: a rate has 8 decimals and the band 4, so <c>locked × band</c> needs no rounding.
/// </summary>
public static class SlippageBand
{
    /// <summary>The widest band an offer may ask for: 2 % of its rate.</summary>
    public const decimal Widest = 0.02m;

    /// <summary>A band has at most 4 decimals (0.0001 = one basis point).</summary>
    public const int Scale = 4;

    /// <summary>Why <paramref name="maxSlippage"/> is not a band an offer may carry, or null when it is.</summary>
    public static string? Problem(decimal maxSlippage)
    {
        if (maxSlippage < 0 || maxSlippage > Widest)
        {
            return string.Create(CultureInfo.InvariantCulture, $"maxSlippage must be a fraction from 0 to {Widest}.");
        }

        return Rounding.FitsScale(maxSlippage, Scale)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"maxSlippage must have at most {Scale} decimals.");
    }

    /// <summary>Whether an expired offer locked at <paramref name="lockedRate"/> executes at <paramref name="freshRate"/>'s moment, and at which rate.</summary>
    public static SlippageDecision Decide(decimal lockedRate, decimal freshRate, decimal maxSlippage)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lockedRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(freshRate);
        if (maxSlippage <= 0 || Math.Abs(freshRate - lockedRate) > lockedRate * maxSlippage)
        {
            return new SlippageDecision(Honoured: false, lockedRate, freshRate, RateUsed: null);
        }

        return new SlippageDecision(Honoured: true, lockedRate, freshRate, Math.Max(lockedRate, freshRate));
    }

    /// <summary>
    /// What honouring the band costs the house, in the target fiat: what the card receives at the rate used minus what it
    /// would receive at the fresh rate (0 when the fresh rate was used). Both figures are rounded as <c>amountTo</c> is.
    /// </summary>
    public static decimal ExposureInFiat(decimal amount, Currency to, SlippageDecision decision)
    {
        if (decision.RateUsed is not { } used)
        {
            return 0m;
        }

        return Math.Max(0m, OfferPricing.AmountTo(amount, to, used) - OfferPricing.AmountTo(amount, to, decision.FreshRate));
    }

    /// <summary>
    /// The cap on the house's exposure: a band use that costs something is honoured only while the exposure already taken
    /// in the window plus its own stays within <paramref name="capEur"/>; one that costs nothing is always honoured.
    /// </summary>
    public static bool FitsUnderCap(decimal exposureTakenEur, decimal exposureEur, decimal capEur) =>
        exposureEur <= 0 || exposureTakenEur + exposureEur <= capEur;

    /// <summary>
    /// The answer to executing an expired offer the band does not cover: re-quote, at about the fresh rate (in the
    /// message and in <c>data.freshRate</c>). <paramref name="expired"/> is the answer without a band.
    /// </summary>
    public static Failure Refusal(decimal freshRate, Failure expired) => new(ErrorCode.OFFER_EXPIRED, string.Create(CultureInfo.InvariantCulture,
        $"This offer has expired and the rate moved outside its slippage band (the rate is now {Rounding.Normalize(freshRate)}): quote again with POST /v4/payout/offer."),
        expired.Field)
    {
        Remedy = new Remedy { FreshRate = Rounding.Normalize(freshRate) },
    };
}
