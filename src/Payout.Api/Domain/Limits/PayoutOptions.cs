using System.Globalization;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Pricing;

namespace Payout.Api.Domain.Limits;

/// <summary>
/// Section <c>Payout</c>: lifetimes, per-payout bounds, KYC limits, card count.
/// Per-pair bounds are nested because ':' separates configuration sections:
/// <c>Payout:PairBounds:BTC:EUR:MaxAmountTo = 1000</c>; a pair's missing value falls back to the default.
/// </summary>
public sealed class PayoutOptions : ISelfValidatingOptions
{
    public const string SectionName = "Payout";

    /// <summary>Fiat amounts carry cents; bounds and limits with finer figures could not be met exactly.</summary>
    private const int FiatScale = 2;

    public int OfferValidSeconds { get; set; } = 20;

    public int DataValidSeconds { get; set; } = 30;

    public decimal MinAmountTo { get; set; } = 25m;

    public decimal MaxAmountTo { get; set; } = 2_500m;

    /// <summary>Overrides of <see cref="MinAmountTo"/>/<see cref="MaxAmountTo"/> as <c>PairBounds[crypto][fiat]</c>.</summary>
    public Dictionary<string, Dictionary<string, PairBoundsOptions>> PairBounds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Payout limit per rolling window, in EUR, per KYC level (spec §3). A level not listed has limit 0.</summary>
    public Dictionary<KycLevel, decimal> KycLimitsEur { get; set; } = new()
    {
        [KycLevel.NONE] = 0m,
        [KycLevel.KYC_0] = 0m,
        [KycLevel.KYC_1] = 9_700m,
        [KycLevel.KYC_2] = 15_000m,
        [KycLevel.KYC_3] = 32_000m,
    };

    public int LimitWindowDays { get; set; } = 30;

    public int MaxCardsPerCustomer { get; set; } = 10;

    /// <summary>
    /// The <c>Retry-After</c> of NETWORK_FLOAT_LOW: our fiat at the network is topped up by an operator, at no time we
    /// can know, so this is a hint for how often an app may try again.
    /// </summary>
    public int FloatRetryAfterSeconds { get; set; } = 60;

    public TimeSpan OfferValidity => TimeSpan.FromSeconds(OfferValidSeconds);

    public TimeSpan LimitWindow => TimeSpan.FromDays(LimitWindowDays);

    public TimeSpan FloatRetryAfter => TimeSpan.FromSeconds(FloatRetryAfterSeconds);

    /// <summary>The fiat bounds for a pair: its override where configured, else the defaults.</summary>
    public FiatBounds BoundsFor(string from, string to)
    {
        var pair = FindPair(from, to);
        return new FiatBounds(pair?.MinAmountTo ?? MinAmountTo, pair?.MaxAmountTo ?? MaxAmountTo);
    }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckPositive(errors, nameof(OfferValidSeconds), OfferValidSeconds);
        CheckPositive(errors, nameof(DataValidSeconds), DataValidSeconds);
        CheckPositive(errors, nameof(LimitWindowDays), LimitWindowDays);
        CheckPositive(errors, nameof(MaxCardsPerCustomer), MaxCardsPerCustomer);
        CheckPositive(errors, nameof(FloatRetryAfterSeconds), FloatRetryAfterSeconds);
        CheckBounds(errors, "Payout", new FiatBounds(MinAmountTo, MaxAmountTo));
        foreach (var (from, quotes) in PairBounds)
        {
            foreach (var to in quotes.Keys)
            {
                CheckBounds(errors, $"Payout:PairBounds:{from}:{to}", BoundsFor(from, to));
            }
        }

        foreach (var (level, limit) in KycLimitsEur)
        {
            if (limit < 0 || !Rounding.FitsScale(limit, FiatScale))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"Payout:KycLimitsEur:{level} must be at least 0 with at most {FiatScale} decimals (is {limit})."));
            }
        }

        return errors;
    }

    /// <summary>Loops, not LINQ: every quote asks this once per pair, and the iterators and closures were a sixth of what
    /// <c>GET /v4/payout/data</c> allocated.</summary>
    private PairBoundsOptions? FindPair(string from, string to)
    {
        foreach (var (fromCode, quotes) in PairBounds)
        {
            if (!string.Equals(fromCode, from, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var (toCode, bounds) in quotes)
            {
                if (string.Equals(toCode, to, StringComparison.OrdinalIgnoreCase))
                {
                    return bounds;
                }
            }
        }

        return null;
    }

    private static void CheckPositive(List<string> errors, string name, int value)
    {
        if (value <= 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Payout:{name} must be greater than 0 (is {value})."));
        }
    }

    private static void CheckBounds(List<string> errors, string path, FiatBounds bounds)
    {
        var (min, max) = (bounds.MinAmountTo, bounds.MaxAmountTo);
        if (min <= 0 || max < min || !Rounding.FitsScale(min, FiatScale) || !Rounding.FitsScale(max, FiatScale))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: MinAmountTo and MaxAmountTo must satisfy 0 < min ≤ max with at most {FiatScale} decimals (are {min} and {max})."));
        }
    }
}
