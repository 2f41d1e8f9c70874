using Payout.Api.Domain.Money;
using Payout.Api.Domain.Pricing;

namespace Payout.UnitTests.Offers;

/// <summary>Vault's example amounts priced by hand with the default fees (3.5 % + 2.5 fiat, spread 2 %).</summary>
public sealed class OfferPricingExampleTests
{
    private static readonly Currency Usdt = CurrencyCatalog.Default.Get("USDT");
    private static readonly Currency Btc = CurrencyCatalog.Default.Get("BTC");
    private static readonly Currency Eur = CurrencyCatalog.Default.Get("EUR");

    // Market USDT/EUR 0.92 less the 2 % spread: 0.92 × 0.98 = 0.9016 exactly.
    private const decimal UsdtEurRate = 0.9016m;

    [Fact]
    public void Vault_example_760_usdt_to_eur()
    {
        // amountTo: 760.06209697 × 0.9016 = 685.271986628152 → down to cents 685.27.
        // Transaction fee: 760.06209697 × 0.035 = 26.60217339395
        //                + 2.5 ÷ 0.9016       =  2.77284826974267968...
        //                = 29.37502166369267968... → up once to 8 decimals 29.37502167.
        // Debited: 760.06209697 + 29.37502167 = 789.43711864.
        // The network and additional fees are 0 by default and still listed, in Vault's order; the partner fee is not.
        var offer = OfferPricing.Price(760.06209697m, Usdt, Eur, UsdtEurRate, new FeeOptions());

        Assert.Equal(685.27m, offer.AmountTo);
        Assert.Equal(
            [
                new FeeLine("TRANSACTION_FEE", "Transaction fee", 29.37502167m),
                new FeeLine("CRYPTERIUM_GAS", "Crypterium GAS", 0m),
                new FeeLine("ADDITIONAL_FEE", "Additional fee", 0m),
            ],
            offer.Fees.Lines);
        Assert.Equal(29.37502167m, offer.Fees.Total);
        Assert.Equal(0m, offer.Fees.PartnerShare);
        Assert.Equal(789.43711864m, offer.TotalDebited);
        Assert.Equal(UsdtEurRate, offer.Rate);
    }

    [Fact]
    public void Vault_example_55_usdt_to_eur()
    {
        // amountTo: 55.47614851 × 0.9016 = 50.017295496616 → 50.01.
        // Transaction fee: 55.47614851 × 0.035 = 1.94166519785 + 2.77284826974267968... = 4.71451346759267968... → 4.71451347.
        // Debited: 55.47614851 + 4.71451347 = 60.19066198.
        var offer = OfferPricing.Price(55.47614851m, Usdt, Eur, UsdtEurRate, new FeeOptions());

        Assert.Equal(50.01m, offer.AmountTo);
        Assert.Equal(4.71451347m, offer.Fees.Lines[0].Value);
        Assert.Equal(4.71451347m, offer.Fees.Total);
        Assert.Equal(60.19066198m, offer.TotalDebited);
    }

    [Fact]
    public void Every_fee_line_is_listed_when_configured_and_the_partner_share_is_kept_apart()
    {
        // 0.02 BTC at 84 280 EUR (86 000 less 2 %): amountTo 0.02 × 84 280 = 1685.60.
        // Transaction fee: 0.02 × 0.035 = 0.0007 + 2.5 ÷ 84 280 = 0.0000296630280... = 0.000729663028... → 0.00072967.
        // Network 0.02 × 0.001 = 0.00002; additional 0.02 × 0.002 = 0.00004; partner 0.02 × 0.01 = 0.0002 (exact, no rounding).
        // Total 0.00072967 + 0.00002 + 0.00004 + 0.0002 = 0.00098967; debited 0.02098967.
        var fees = new FeeOptions { NetworkFee = 0.001m, AdditionalFee = 0.002m, PartnerFee = 0.01m };

        var offer = OfferPricing.Price(0.02m, Btc, Eur, 84_280m, fees);

        Assert.Equal(1685.6m, offer.AmountTo);
        Assert.Equal(
            [
                new FeeLine("TRANSACTION_FEE", "Transaction fee", 0.00072967m),
                new FeeLine("CRYPTERIUM_GAS", "Crypterium GAS", 0.00002m),
                new FeeLine("ADDITIONAL_FEE", "Additional fee", 0.00004m),
                new FeeLine("PARTNER_FEE", "Partner fee", 0.0002m),
            ],
            offer.Fees.Lines);
        Assert.Equal(0.00098967m, offer.Fees.Total);
        Assert.Equal(0.0002m, offer.Fees.PartnerShare);
        Assert.Equal(0.02098967m, offer.TotalDebited);
    }

    [Fact]
    public void Vaults_three_lines_are_listed_even_at_zero_and_the_partner_fee_is_not()
    {
        var fees = new FeeOptions { TransactionFee = 0m, FixFee = 0m };
        var offer = OfferPricing.Price(1m, Btc, Eur, 84_280m, fees);
        Assert.Equal(
            [
                new FeeLine("TRANSACTION_FEE", "Transaction fee", 0m),
                new FeeLine("CRYPTERIUM_GAS", "Crypterium GAS", 0m),
                new FeeLine("ADDITIONAL_FEE", "Additional fee", 0m),
            ],
            offer.Fees.Lines);
        Assert.Equal(1m, offer.TotalDebited);
    }

    [Fact]
    public void Bounds_at_the_usdt_eur_rate()
    {
        // Min: 25 ÷ 0.9016 = 27.72848269742... → up 27.7284827. Max: 2500 ÷ 0.9016 = 2772.84826974267... → down 2772.84826974.
        var bounds = OfferPricing.Bounds(new FiatBounds(25m, 2_500m), Usdt, UsdtEurRate);

        Assert.Equal(new CryptoBounds(27.7284827m, 2_772.84826974m), bounds);
        Assert.True(OfferPricing.IsWithinBounds(27.7284827m, bounds));
        Assert.False(OfferPricing.IsWithinBounds(27.72848269m, bounds));
        Assert.True(OfferPricing.IsWithinBounds(2_772.84826974m, bounds));
        Assert.False(OfferPricing.IsWithinBounds(2_772.84826975m, bounds));
    }

    [Fact]
    public void All_amount_is_capped_by_the_maximum_when_the_balance_is_large()
    {
        // Balance 5000 USDT covers (5000 − 2.77284827) ÷ 1.035 ≈ 4828.3; max is 2772.84826974; KYC_1's 9700 EUR is 10 758.65 USDT.
        var bounds = OfferPricing.Bounds(new FiatBounds(25m, 2_500m), Usdt, UsdtEurRate);
        Assert.Equal(2_772.84826974m, OfferPricing.AllAmountFrom(5_000m, Usdt, Eur, UsdtEurRate, new FeeOptions(), bounds, 9_700m, 1m));
    }

    [Fact]
    public void All_amount_is_what_the_balance_covers_with_its_fees()
    {
        // (100 − 2.5 ÷ 0.9016) ÷ 1.035 = 93.93927703406... → 93.93927703.
        // Fee: 93.93927703 × 0.035 + 2.77284826974... = 6.06072296579... → 6.06072297; 93.93927703 + 6.06072297 = 100 exactly.
        // One more unit: fee 6.06072297 (the +0.00000000035 still rounds to the same unit) → 100.00000001 > 100.
        var bounds = OfferPricing.Bounds(new FiatBounds(25m, 2_500m), Usdt, UsdtEurRate);
        Assert.Equal(93.93927703m, OfferPricing.AllAmountFrom(100m, Usdt, Eur, UsdtEurRate, new FeeOptions(), bounds, 9_700m, 1m));
    }

    [Fact]
    public void All_amount_is_zero_when_what_the_balance_covers_is_below_the_minimum()
    {
        // Balance 31 covers 27.27261036 (+ fee 3.72738964 = 31), below the minimum 27.7284827.
        var bounds = OfferPricing.Bounds(new FiatBounds(25m, 2_500m), Usdt, UsdtEurRate);
        Assert.Equal(27.27261036m, OfferPricing.MostAffordable(31m, Usdt, UsdtEurRate, new FeeOptions()));
        Assert.Equal(0m, OfferPricing.AllAmountFrom(31m, Usdt, Eur, UsdtEurRate, new FeeOptions(), bounds, 9_700m, 1m));
    }

    [Fact]
    public void All_amount_is_capped_by_the_remaining_limit_converted_through_the_target_fiat()
    {
        // 100 EUR left; USD payout at 0.92 EUR per USD: 100 ÷ 0.92 = 108.695... → 108.69 USD.
        // USDT/USD customer rate 0.98: 108.69 ÷ 0.98 = 110.908163265... → 110.90816326 USDT.
        var usd = CurrencyCatalog.Default.Get("USD");
        var bounds = OfferPricing.Bounds(new FiatBounds(25m, 2_500m), Usdt, 0.98m);

        Assert.Equal(110.90816326m, OfferPricing.LimitInCrypto(100m, Usdt, usd, 0.98m, 0.92m));
        Assert.Equal(110.90816326m, OfferPricing.AllAmountFrom(5_000m, Usdt, usd, 0.98m, new FeeOptions(), bounds, 100m, 0.92m));
    }

    [Fact]
    public void All_amount_is_zero_without_limit_left()
    {
        var bounds = OfferPricing.Bounds(new FiatBounds(25m, 2_500m), Usdt, UsdtEurRate);
        Assert.Equal(0m, OfferPricing.AllAmountFrom(5_000m, Usdt, Eur, UsdtEurRate, new FeeOptions(), bounds, 0m, 1m));
    }

    [Fact]
    public void All_amount_is_zero_when_the_balance_does_not_even_cover_the_fixed_fee() =>
        Assert.Equal(0m, OfferPricing.MostAffordable(2m, Usdt, UsdtEurRate, new FeeOptions()));

    [Fact]
    public void Pricing_an_amount_that_skipped_input_validation_is_a_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OfferPricing.Price(0m, Btc, Eur, 84_280m, new FeeOptions()));
        Assert.Throws<ArgumentException>(() => OfferPricing.Price(0.000000001m, Btc, Eur, 84_280m, new FeeOptions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => OfferPricing.Price(1m, Btc, Eur, 0m, new FeeOptions()));
    }
}
