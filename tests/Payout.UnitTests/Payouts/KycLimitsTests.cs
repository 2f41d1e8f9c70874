using CsCheck;
using Payout.Api.Domain;
using Payout.Api.Domain.Limits;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Pricing;
using Payout.Api.Domain.Rates;
using Payout.UnitTests.Support;

namespace Payout.UnitTests.Payouts;

public sealed class KycLimitsTests
{
    private static readonly PayoutOptions Payout = new();
    private static readonly RatesOptions Rates = new();
    private static readonly Currency Eur = CurrencyCatalog.Default.Get("EUR");
    private static readonly Currency Usd = CurrencyCatalog.Default.Get("USD");

    [Theory]
    [InlineData(KycLevel.NONE, "0")]
    [InlineData(KycLevel.KYC_0, "0")]
    [InlineData(KycLevel.KYC_1, "9700")]
    [InlineData(KycLevel.KYC_2, "15000")]
    [InlineData(KycLevel.KYC_3, "32000")]
    public void Default_limits_per_level(KycLevel level, string expected) =>
        Assert.Equal(Dec.Parse(expected), KycLimits.LimitFor(level, Payout));

    [Fact]
    public void A_level_missing_from_configuration_has_no_limit_to_spend()
    {
        var options = new PayoutOptions();
        options.KycLimitsEur.Remove(KycLevel.KYC_2);
        Assert.Equal(0m, KycLimits.LimitFor(KycLevel.KYC_2, options));
    }

    [Theory]
    [InlineData(KycLevel.KYC_1, "0", "9700")]
    [InlineData(KycLevel.KYC_1, "9699.99", "0.01")]
    [InlineData(KycLevel.KYC_1, "9700", "0")]
    // Used more than the limit (it was lowered, or the level went down): nothing left, not a negative figure.
    [InlineData(KycLevel.KYC_1, "12000", "0")]
    [InlineData(KycLevel.KYC_0, "0", "0")]
    public void Remaining_is_the_limit_less_what_was_used_never_below_zero(KycLevel level, string used, string expected) =>
        Assert.Equal(Dec.Parse(expected), KycLimits.RemainingEur(level, Dec.Parse(used), Payout));

    [Theory]
    // 100 × 0.92 = 92 exactly.
    [InlineData("100", "92")]
    // 100.01 × 0.92 = 92.0092 → up to 92.01, never down to 92.00.
    [InlineData("100.01", "92.01")]
    // 2500 × 0.92 = 2300.
    [InlineData("2500", "2300")]
    // 0.01 × 0.92 = 0.0092 → 0.01.
    [InlineData("0.01", "0.01")]
    public void Usd_counts_against_the_eur_limit_at_the_reference_rate_rounded_up(string usd, string eur) =>
        Assert.Equal(Dec.Parse(eur), KycLimits.ToEur(Dec.Parse(usd), Usd, Rates));

    [Fact]
    public void Eur_counts_as_it_is() => Assert.Equal(685.27m, KycLimits.ToEur(685.27m, Eur, Rates));

    [Fact]
    public void Usd_conversion_is_never_under_counted_and_over_counts_by_less_than_a_cent() =>
        Gen.Select(Gen.Long[1, 100_000_000_000].Select(cents => cents / 100m), Gen.Int[1, 300].Select(c => c / 100m))
            .Sample((amountTo, reference) =>
            {
                var rates = new RatesOptions { UsdToEurReferenceRate = reference };
                var eur = KycLimits.ToEur(amountTo, Usd, rates);
                var exact = amountTo * reference;
                Assert.True(eur >= exact && eur - exact < 0.01m);
            });

    [Fact]
    public void A_fiat_without_a_reference_rate_is_a_configuration_bug() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KycLimits.ToEur(10m, new Currency("GBP", 2, CurrencyKind.Fiat), Rates));

    [Fact]
    public void The_window_starts_thirty_days_back()
    {
        var now = new DateTimeOffset(2026, 11, 23, 19, 40, 4, 123, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 19, 40, 4, 123, TimeSpan.Zero), KycLimits.WindowStart(now, Payout));
    }

    [Theory]
    [InlineData("100", "100", true)]
    [InlineData("100.01", "100", false)]
    [InlineData("0.01", "0", false)]
    public void Within_limit_includes_the_last_cent(string amountEur, string remaining, bool expected) =>
        Assert.Equal(expected, KycLimits.IsWithinLimit(Dec.Parse(amountEur), Dec.Parse(remaining)));

    [Fact]
    public void The_all_amount_shown_passes_the_limit_check_at_execute() =>
        Gen.Select(PricingGens.Rates, PricingGens.Fiats, Gen.Int[0, 3_200_000].Select(c => c / 100m), Gen.Int[50, 150].Select(c => c / 100m))
            .Sample((rate, fiat, remainingEur, reference) =>
            {
                var rates = new RatesOptions { UsdToEurReferenceRate = reference };
                var crypto = CurrencyCatalog.Default.Get("USDT");
                var bounds = OfferPricing.Bounds(new FiatBounds(0.01m, 1_000_000m), crypto, rate);
                var all = OfferPricing.AllAmountFrom(
                    1_000_000_000m, crypto, fiat, rate, new FeeOptions(), bounds, remainingEur, KycLimits.EurPerUnit(fiat, rates));
                if (all == 0)
                {
                    return;
                }

                var offer = OfferPricing.Price(all, crypto, fiat, rate, new FeeOptions());
                Assert.True(KycLimits.IsWithinLimit(KycLimits.ToEur(offer.AmountTo, fiat, rates), remainingEur));
            });
}
