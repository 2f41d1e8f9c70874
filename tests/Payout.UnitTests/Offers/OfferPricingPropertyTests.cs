using CsCheck;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Pricing;
using Payout.UnitTests.Support;

namespace Payout.UnitTests.Offers;

public sealed class OfferPricingPropertyTests
{
    private static readonly Gen<decimal> Balances = PricingGens.Magnitudes(-6, 7, 8);
    private static readonly Gen<decimal> RemainingLimitsEur = Gen.Int[0, 3_200_000].Select(cents => cents / 100m);
    private static readonly Gen<decimal> EurPerTarget = Gen.Frequency(
        (2, Gen.Const(1m)),
        (2, Gen.Const(0.92m)),
        (1, Gen.Int[1, 300].Select(cents => cents / 100m)));

    [Fact]
    public void Each_fee_line_is_its_exact_value_rounded_up_once() =>
        Gen.Select(PricingGens.CryptoAmounts, PricingGens.Cryptos, PricingGens.Rates, PricingGens.Fees)
            .Sample((amount, crypto, rate, fees) =>
            {
                var amountAtScale = Rounding.Down(amount, crypto.Scale);
                if (amountAtScale <= 0)
                {
                    return;
                }

                var unit = Rounding.Unit(crypto.Scale);
                foreach (var line in FeeBreakdown.Charge(amountAtScale, crypto, rate, fees).Lines)
                {
                    Assert.True(Rounding.FitsScale(line.Value, crypto.Scale));
                    if (line.Type == FeeTypes.TransactionFee)
                    {
                        // exact = amount × fee + fix ÷ rate; compared by multiplying out so the test divides nothing.
                        var proportional = amountAtScale * fees.TransactionFee;
                        Assert.True((line.Value - proportional) * rate >= fees.FixFee, "below the exact fee");
                        Assert.True((line.Value - unit - proportional) * rate < fees.FixFee, "a unit or more above the exact fee");
                    }
                    else
                    {
                        var exact = amountAtScale * FractionOf(line.Type, fees);
                        Assert.True(line.Value >= exact && line.Value - unit < exact);
                    }
                }
            });

    [Fact]
    public void Vaults_three_lines_come_first_in_order_and_the_partner_fee_only_when_charged() =>
        Gen.Select(PricingGens.CryptoAmounts, PricingGens.Rates, PricingGens.Fees).Sample((amount, rate, fees) =>
        {
            var lines = FeeBreakdown.Charge(amount, Crypto8, rate, fees).Lines;
            Assert.Equal([FeeTypes.TransactionFee, FeeTypes.NetworkFee, FeeTypes.AdditionalFee], lines.Take(3).Select(l => l.Type));
            Assert.Equal(fees.PartnerFee != 0, lines.Any(l => l.Type == FeeTypes.PartnerFee));
            Assert.All(lines.Skip(3), line => Assert.NotEqual(0m, line.Value));
        });

    [Fact]
    public void Totals_add_up() =>
        Gen.Select(PricingGens.CryptoAmounts, PricingGens.Rates, PricingGens.Fees, PricingGens.Fiats).Sample((amount, rate, fees, fiat) =>
        {
            var offer = OfferPricing.Price(amount, Crypto8, fiat, rate, fees);
            Assert.Equal(offer.Fees.Lines.Sum(line => line.Value), offer.Fees.Total);
            Assert.Equal(amount + offer.Fees.Total, offer.TotalDebited);
            Assert.Equal(offer.Fees.Lines.SingleOrDefault(l => l.Type == FeeTypes.PartnerFee)?.Value ?? 0m, offer.Fees.PartnerShare);
            Assert.True(offer.Fees.PartnerShare <= offer.Fees.Total);
        });

    [Fact]
    public void Amount_to_is_rounded_down_to_the_fiat_scale() =>
        Gen.Select(PricingGens.CryptoAmounts, PricingGens.Rates, PricingGens.Fiats).Sample((amount, rate, fiat) =>
        {
            var amountTo = OfferPricing.AmountTo(amount, fiat, rate);
            var exact = amount * rate;
            Assert.True(amountTo <= exact);
            Assert.True(exact - amountTo < Rounding.Unit(fiat.Scale));
            Assert.True(Rounding.FitsScale(amountTo, fiat.Scale));
        });

    [Fact]
    public void Minimum_is_rounded_up_and_maximum_down() =>
        Gen.Select(PricingGens.FiatBounds, PricingGens.Cryptos, PricingGens.Rates).Sample((fiatBounds, crypto, rate) =>
        {
            var bounds = OfferPricing.Bounds(fiatBounds, crypto, rate);
            var unit = Rounding.Unit(crypto.Scale);

            Assert.True(bounds.MinAmountFrom * rate >= fiatBounds.MinAmountTo);
            Assert.True((bounds.MinAmountFrom - unit) * rate < fiatBounds.MinAmountTo);
            Assert.True(bounds.MaxAmountFrom * rate <= fiatBounds.MaxAmountTo);
            Assert.True((bounds.MaxAmountFrom + unit) * rate > fiatBounds.MaxAmountTo);
            Assert.True(Rounding.FitsScale(bounds.MinAmountFrom, crypto.Scale) && Rounding.FitsScale(bounds.MaxAmountFrom, crypto.Scale));
        });

    [Fact]
    public void An_amount_within_bounds_receives_fiat_within_the_fiat_bounds() =>
        Gen.Select(PricingGens.FiatBounds, PricingGens.Rates, PricingGens.Fiats).Sample((fiatBounds, rate, fiat) =>
        {
            var bounds = OfferPricing.Bounds(fiatBounds, Crypto8, rate);
            if (bounds.MinAmountFrom > bounds.MaxAmountFrom)
            {
                return;
            }

            Assert.True(OfferPricing.AmountTo(bounds.MinAmountFrom, fiat, rate) >= fiatBounds.MinAmountTo);
            Assert.True(OfferPricing.AmountTo(bounds.MaxAmountFrom, fiat, rate) <= fiatBounds.MaxAmountTo);
        });

    [Fact]
    public void Most_affordable_amount_fits_the_balance_and_one_unit_more_does_not() =>
        Gen.Select(Balances, PricingGens.Cryptos, PricingGens.Rates, PricingGens.Fees).Sample((balance, crypto, rate, fees) =>
        {
            var most = OfferPricing.MostAffordable(balance, crypto, rate, fees);
            var next = most + Rounding.Unit(crypto.Scale);

            Assert.True(Rounding.FitsScale(most, crypto.Scale));
            Assert.True(most == 0 || most + FeeBreakdown.Charge(most, crypto, rate, fees).Total <= balance);
            Assert.True(next + FeeBreakdown.Charge(next, crypto, rate, fees).Total > balance);
        }, iter: 2_000);

    [Fact]
    public void All_amount_is_affordable_within_bounds_and_limit_and_maximal_unless_capped() =>
        Gen.Select(Balances, PricingGens.Rates, PricingGens.Fees, PricingGens.FiatBounds, RemainingLimitsEur, EurPerTarget, PricingGens.Fiats)
            .Sample((balance, rate, fees, fiatBounds, remainingEur, eurPerTarget, fiat) =>
            {
                var bounds = OfferPricing.Bounds(fiatBounds, Crypto8, rate);
                var limit = OfferPricing.LimitInCrypto(remainingEur, Crypto8, fiat, rate, eurPerTarget);
                var all = OfferPricing.AllAmountFrom(balance, Crypto8, fiat, rate, fees, bounds, remainingEur, eurPerTarget);

                if (all == 0)
                {
                    // Nothing payable: the bounds are empty, the limit or the balance does not reach the minimum.
                    var min = bounds.MinAmountFrom;
                    Assert.True(min > bounds.MaxAmountFrom || min > limit || min + Fee(min) > balance);
                    return;
                }

                Assert.True(all + Fee(all) <= balance);
                Assert.True(bounds.Contains(all));
                Assert.True(all <= limit);
                var next = all + Rounding.Unit(Crypto8.Scale);
                Assert.True(next + Fee(next) > balance || all == bounds.MaxAmountFrom || all == limit);

                decimal Fee(decimal amount) => FeeBreakdown.Charge(amount, Crypto8, rate, fees).Total;
            }, iter: 2_000);

    [Fact]
    public void Limit_in_crypto_never_buys_more_fiat_than_the_limit_allows() =>
        Gen.Select(RemainingLimitsEur, PricingGens.Rates, EurPerTarget, PricingGens.Fiats).Sample((remainingEur, rate, eurPerTarget, fiat) =>
        {
            var limit = OfferPricing.LimitInCrypto(remainingEur, Crypto8, fiat, rate, eurPerTarget);
            Assert.True(OfferPricing.AmountTo(limit, fiat, rate) * eurPerTarget <= remainingEur);
        });

    private static readonly Currency Crypto8 = new("COIN", 8, CurrencyKind.Crypto);

    private static decimal FractionOf(string type, FeeOptions fees) => type switch
    {
        FeeTypes.NetworkFee => fees.NetworkFee,
        FeeTypes.AdditionalFee => fees.AdditionalFee,
        FeeTypes.PartnerFee => fees.PartnerFee,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a proportional fee."),
    };
}
