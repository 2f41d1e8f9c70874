using Microsoft.Extensions.Options;
using Payout.Api.Domain;
using Payout.Api.Domain.Limits;
using Payout.Api.Domain.Pricing;
using Payout.UnitTests.Support;

namespace Payout.UnitTests.Offers;

public sealed class FeeAndPayoutOptionsTests
{
    [Fact]
    public void Fee_defaults_match_the_spec()
    {
        var fees = new FeeOptions();
        Assert.Empty(fees.Validate());
        Assert.Equal(
            (0.035m, 2.5m, 0m, 0m, 0m, 0.02m),
            (fees.TransactionFee, fees.FixFee, fees.AdditionalFee, fees.PartnerFee, fees.NetworkFee, fees.Spread));
    }

    [Theory]
    [InlineData(nameof(FeeOptions.TransactionFee), "-0.001")]
    [InlineData(nameof(FeeOptions.AdditionalFee), "1")]
    [InlineData(nameof(FeeOptions.PartnerFee), "-1")]
    [InlineData(nameof(FeeOptions.NetworkFee), "1.5")]
    [InlineData(nameof(FeeOptions.Spread), "1")]
    [InlineData(nameof(FeeOptions.FixFee), "-0.01")]
    [InlineData(nameof(FeeOptions.FixFee), "2.555")]
    public void A_fee_out_of_range_is_rejected(string name, string value)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => BindFees(new() { [$"Fees:{name}"] = value }));
        Assert.Contains(failure.Failures, f => f.Contains($"Fees:{name}", StringComparison.Ordinal));
    }

    [Fact]
    public void Fees_bind_from_configuration_with_invariant_decimals()
    {
        var fees = BindFees(new() { ["Fees:TransactionFee"] = "0.01", ["Fees:FixFee"] = "0", ["Fees:PartnerFee"] = "0.005" });
        Assert.Equal((0.01m, 0m, 0.005m, 0.02m), (fees.TransactionFee, fees.FixFee, fees.PartnerFee, fees.Spread));
        Assert.Equal(0.015m, fees.SumOfFractions);
    }

    [Fact]
    public void Payout_defaults_match_the_spec()
    {
        var payout = new PayoutOptions();
        Assert.Empty(payout.Validate());
        Assert.Equal((20, 30, 30, 10), (payout.OfferValidSeconds, payout.DataValidSeconds, payout.LimitWindowDays, payout.MaxCardsPerCustomer));
        Assert.Equal(new FiatBounds(25m, 2_500m), payout.BoundsFor("BTC", "EUR"));
        Assert.Equal(0m, payout.KycLimitsEur[KycLevel.NONE]);
        Assert.Equal(0m, payout.KycLimitsEur[KycLevel.KYC_0]);
        Assert.Equal(9_700m, payout.KycLimitsEur[KycLevel.KYC_1]);
        Assert.Equal(15_000m, payout.KycLimitsEur[KycLevel.KYC_2]);
        Assert.Equal(32_000m, payout.KycLimitsEur[KycLevel.KYC_3]);
    }

    [Fact]
    public void A_pair_override_replaces_only_the_values_it_names()
    {
        var payout = BindPayout(new()
        {
            ["Payout:PairBounds:BTC:EUR:MaxAmountTo"] = "1000",
            ["Payout:PairBounds:XRP:USD:MinAmountTo"] = "50",
            ["Payout:PairBounds:XRP:USD:MaxAmountTo"] = "60.5",
        });

        Assert.Equal(new FiatBounds(25m, 1_000m), payout.BoundsFor("BTC", "EUR"));
        Assert.Equal(new FiatBounds(50m, 60.5m), payout.BoundsFor("xrp", "usd"));
        Assert.Equal(new FiatBounds(25m, 2_500m), payout.BoundsFor("BTC", "USD"));
    }

    [Fact]
    public void A_kyc_limit_override_keeps_the_other_levels()
    {
        var payout = BindPayout(new() { ["Payout:KycLimitsEur:KYC_2"] = "20000" });
        Assert.Equal(20_000m, payout.KycLimitsEur[KycLevel.KYC_2]);
        Assert.Equal(9_700m, payout.KycLimitsEur[KycLevel.KYC_1]);
    }

    [Theory]
    [InlineData("Payout:OfferValidSeconds", "0")]
    [InlineData("Payout:DataValidSeconds", "-1")]
    [InlineData("Payout:LimitWindowDays", "0")]
    [InlineData("Payout:MaxCardsPerCustomer", "0")]
    [InlineData("Payout:MinAmountTo", "0")]
    [InlineData("Payout:MinAmountTo", "3000")]
    [InlineData("Payout:MaxAmountTo", "2500.001")]
    [InlineData("Payout:PairBounds:BTC:EUR:MaxAmountTo", "10")]
    [InlineData("Payout:KycLimitsEur:KYC_1", "-1")]
    public void A_payout_setting_out_of_range_is_rejected(string key, string value) =>
        Assert.Throws<OptionsValidationException>(() => BindPayout(new() { [key] = value }));

    private static FeeOptions BindFees(Dictionary<string, string?> values) =>
        OptionsBinding.Bind<FeeOptions>(FeeOptions.SectionName, values);

    private static PayoutOptions BindPayout(Dictionary<string, string?> values) =>
        OptionsBinding.Bind<PayoutOptions>(PayoutOptions.SectionName, values);
}
