using Microsoft.Extensions.Options;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Rates;
using Payout.UnitTests.Support;

namespace Payout.UnitTests.Rates;

public sealed class RatesOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_cover_every_default_pair()
    {
        var options = new RatesOptions();
        Assert.Empty(options.Validate());
        Assert.Empty(options.MissingPairs(CurrencyCatalog.Default));
        Assert.Equal(60, options.MaxAgeSeconds);
        Assert.Equal(0.92m, options.UsdToEurReferenceRate);
    }

    [Fact]
    public void Stablecoins_default_to_their_peg()
    {
        var options = new RatesOptions();
        foreach (var coin in new[] { "USDT", "USDC", "DAI" })
        {
            Assert.Equal(1m, options.MarketRateFor(coin, "USD"));
            Assert.Equal(0.92m, options.MarketRateFor(coin, "EUR"));
        }
    }

    [Fact]
    public void A_zero_rate_is_rejected()
    {
        var options = new RatesOptions();
        options.Market["BTC"]["EUR"] = 0m;
        Assert.Contains(options.Validate(), e => e.Contains("Rates:Market:BTC:EUR", StringComparison.Ordinal));
    }

    [Fact]
    public void A_negative_rate_is_rejected()
    {
        var options = new RatesOptions();
        options.Market["ETH"]["USD"] = -1m;
        Assert.Single(options.Validate());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_max_age_that_is_not_positive_is_rejected(int seconds) =>
        Assert.Contains(new RatesOptions { MaxAgeSeconds = seconds }.Validate(), e => e.Contains("MaxAgeSeconds", StringComparison.Ordinal));

    [Fact]
    public void A_zero_reference_rate_is_rejected() =>
        Assert.Single(new RatesOptions { UsdToEurReferenceRate = 0m }.Validate());

    [Fact]
    public void Missing_pairs_are_named_crypto_colon_fiat()
    {
        var options = new RatesOptions();
        options.Market.Remove("LTC");
        Assert.Equal(["LTC:EUR", "LTC:USD"], options.MissingPairs(CurrencyCatalog.Default).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Configuration_overrides_one_rate_and_keeps_the_other_defaults()
    {
        var options = Bind(new()
        {
            ["Rates:Market:BTC:EUR"] = "90000.5",
            ["Rates:Market:SOL:EUR"] = "140",
            ["Rates:MaxAgeSeconds"] = "30",
        });

        Assert.Equal(90_000.5m, options.MarketRateFor("BTC", "EUR"));
        Assert.Equal(93_500m, options.MarketRateFor("BTC", "USD"));
        Assert.Equal(140m, options.MarketRateFor("sol", "eur"));
        Assert.Equal(3_100m, options.MarketRateFor("ETH", "EUR"));
        Assert.Equal(30, options.MaxAgeSeconds);
    }

    [Fact]
    public void Validation_runs_when_the_options_are_first_read()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Rates:Market:BTC:EUR"] = "0" }));
        Assert.Contains(failure.Failures, f => f.Contains("BTC:EUR", StringComparison.Ordinal));
    }

    private static RatesOptions Bind(Dictionary<string, string?> values) =>
        OptionsBinding.Bind<RatesOptions>(RatesOptions.SectionName, values);
}
