using Payout.Api.Domain.Money;

namespace Payout.Api.Domain.Pricing;

/// <summary>
/// Pure pricing rules. Every figure is computed exactly and rounded once, in the house's favour:
/// what the customer receives rounds down, what the customer pays rounds up (spec §10).
/// Rates are the customer's rate (fiat per one unit of crypto, after the spread).
/// </summary>
public static class OfferPricing
{
    /// <summary>
    /// a + fees(a) exceeds the balance at the first estimate by at most the rounding of the fee lines and of the
    /// estimate itself (a few units), and each step down removes at least one unit; more steps mean a bug.
    /// </summary>
    private const int MaxAffordabilitySteps = 16;

    public static PricedOffer Price(decimal amount, Currency from, Currency to, decimal customerRate, FeeOptions fees)
    {
        CheckAmount(amount, from);
        CheckRate(customerRate);
        return new PricedOffer(amount, from, to, customerRate, AmountTo(amount, to, customerRate), FeeBreakdown.Charge(amount, from, customerRate, fees));
    }

    /// <summary>amount × rate, rounded down to the fiat's scale: the card never receives more than the rate gives.</summary>
    public static decimal AmountTo(decimal amount, Currency to, decimal customerRate) =>
        Rounding.Down(amount * customerRate, to.Scale);

    /// <summary>Fiat bounds in the crypto at the rate: min rounded up, max rounded down (spec §6).</summary>
    public static CryptoBounds Bounds(FiatBounds bounds, Currency from, decimal customerRate)
    {
        CheckRate(customerRate);
        return new CryptoBounds(
            Division.Up(bounds.MinAmountTo, customerRate, from.Scale),
            Division.Down(bounds.MaxAmountTo, customerRate, from.Scale));
    }

    public static bool IsWithinBounds(decimal amount, CryptoBounds bounds) => bounds.Contains(amount);

    /// <summary>
    /// The remaining KYC limit as an amount of crypto: EUR → target fiat at <paramref name="eurPerTarget"/>
    /// (EUR per one unit of the target fiat: 1 for EUR) → crypto at the rate, each step rounded down.
    /// </summary>
    public static decimal LimitInCrypto(decimal remainingLimitEur, Currency from, Currency to, decimal customerRate, decimal eurPerTarget)
    {
        CheckRate(customerRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eurPerTarget);
        if (remainingLimitEur <= 0)
        {
            return 0m;
        }

        var limitInTarget = Division.Down(remainingLimitEur, eurPerTarget, to.Scale);
        return Division.Down(limitInTarget, customerRate, from.Scale);
    }

    /// <summary>
    /// <c>allAmountFrom</c> (spec §6): the most the customer can pay out now — the smallest of what the balance
    /// covers with its fees, <see cref="CryptoBounds.MaxAmountFrom"/> and the remaining limit in crypto;
    /// 0 when that is below <see cref="CryptoBounds.MinAmountFrom"/>.
    /// For <c>defaultMaxAmountAll</c> pass the same figures (it differs only in not depending on a card).
    /// </summary>
    public static decimal AllAmountFrom(
        decimal balance,
        Currency from,
        Currency to,
        decimal customerRate,
        FeeOptions fees,
        CryptoBounds bounds,
        decimal remainingLimitEur,
        decimal eurPerTarget)
    {
        var most = Math.Min(
            Math.Min(MostAffordable(balance, from, customerRate, fees), bounds.MaxAmountFrom),
            LimitInCrypto(remainingLimitEur, from, to, customerRate, eurPerTarget));
        return most > 0 && most >= bounds.MinAmountFrom ? most : 0m;
    }

    /// <summary>
    /// The largest amount a (at the crypto's scale) with a + fees(a) ≤ balance; 0 when none is positive.
    /// Fees are affine in a (the fix fee) and step with rounding, so: estimate from the exact affine formula,
    /// start one unit above it (decimal division may land a hair low), then step down until it fits.
    /// </summary>
    public static decimal MostAffordable(decimal balance, Currency from, decimal customerRate, FeeOptions fees)
    {
        CheckRate(customerRate);
        var unit = Rounding.Unit(from.Scale);
        var fixFeeInCrypto = fees.FixFee / customerRate;
        var candidate = Rounding.Down((balance - fixFeeInCrypto) / (1 + fees.SumOfFractions), from.Scale) + unit;
        for (var step = 0; step < MaxAffordabilitySteps; step++)
        {
            if (candidate <= 0)
            {
                return 0m;
            }

            if (candidate + FeeBreakdown.Charge(candidate, from, customerRate, fees).Total <= balance)
            {
                return Rounding.Normalize(candidate);
            }

            candidate -= unit;
        }

        throw new InvalidOperationException("The affordable amount did not converge; the fee formula and this search disagree.");
    }

    /// <summary>Input amounts pass <see cref="AmountRules"/> at the endpoint; anything else reaching here is a bug.</summary>
    private static void CheckAmount(decimal amount, Currency from)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        if (!Rounding.FitsScale(amount, from.Scale))
        {
            throw new ArgumentException($"The amount has more decimals than {from.Code} allows.", nameof(amount));
        }
    }

    private static void CheckRate(decimal customerRate) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customerRate);
}
