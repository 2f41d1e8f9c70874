using Microsoft.Extensions.Options;
using Payout.Api.Features.Rates;
using Payout.Api.Features.Rates.Exchanges;
using Payout.UnitTests.Support;

namespace Payout.UnitTests.Rates;

public sealed class ExchangeRatesOptionsTests
{
    [Fact]
    public void The_default_is_the_static_source_which_calls_nothing()
    {
        var options = new ExchangeRatesOptions();

        Assert.Equal(RateSourceKind.Static, options.Source);
        Assert.Empty(options.Validate());
        Assert.Equal((2m, 2, false), (options.OutlierPercent, options.MinAgreeingExchanges, options.UsdToEurFromExchanges));
    }

    [Fact]
    public void Live_rates_default_to_the_exchanges_real_public_addresses()
    {
        var options = OptionsBinding.Bind<ExchangeRatesOptions>("Rates", new() { ["Rates:Source"] = "exchanges" });

        Assert.Empty(options.Validate());
        Assert.Equal(RateSourceKind.Exchanges, options.Source);
        Assert.Equal(
            ["https://api.kraken.com/", "https://api.exchange.coinbase.com/", "https://www.bitstamp.net/", "https://api.binance.com/"],
            options.Exchanges.ByName.Values.Select(e => e.BaseUri.ToString()));
        Assert.All(options.Exchanges.ByName.Values, e => Assert.True(e.Enabled));
    }

    [Fact]
    public void A_base_url_without_its_trailing_slash_still_keeps_its_path()
    {
        var endpoint = new ExchangeEndpointOptions { BaseUrl = "http://127.0.0.1:5099/kraken" };

        Assert.Equal("http://127.0.0.1:5099/kraken/0/public/Ticker", new Uri(endpoint.BaseUri, "0/public/Ticker").ToString());
    }

    [Theory]
    [InlineData("Rates:OutlierPercent", "0", "Rates:OutlierPercent")]
    [InlineData("Rates:OutlierPercent", "100", "Rates:OutlierPercent")]
    [InlineData("Rates:MinAgreeingExchanges", "1", "Rates:MinAgreeingExchanges")]
    [InlineData("Rates:Exchanges:PollIntervalSeconds", "0", "Rates:Exchanges:PollIntervalSeconds")]
    [InlineData("Rates:Exchanges:RequestTimeoutMilliseconds", "0", "Rates:Exchanges:RequestTimeoutMilliseconds")]
    [InlineData("Rates:Exchanges:MaxConcurrentRequests", "0", "Rates:Exchanges:MaxConcurrentRequests")]
    [InlineData("Rates:Exchanges:BreakSeconds", "0", "Rates:Exchanges:BreakSeconds")]
    [InlineData("Rates:Exchanges:Coinbase:BaseUrl", "ftp://example.test/", "Rates:Exchanges:Coinbase:BaseUrl")]
    [InlineData("Rates:Exchanges:Binance:BaseUrl", "not a url", "Rates:Exchanges:Binance:BaseUrl")]
    public void A_bad_live_setting_stops_the_start_naming_its_key(string key, string value, string named)
    {
        var refused = Assert.Throws<OptionsValidationException>(() =>
            OptionsBinding.Bind<ExchangeRatesOptions>("Rates", new() { ["Rates:Source"] = "Exchanges", [key] = value }));

        Assert.Contains(refused.Failures, error => error.StartsWith(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Fewer_enabled_exchanges_than_must_agree_is_refused()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => OptionsBinding.Bind<ExchangeRatesOptions>("Rates", new()
        {
            ["Rates:Source"] = "Exchanges",
            ["Rates:MinAgreeingExchanges"] = "3",
            ["Rates:Exchanges:Kraken:Enabled"] = "false",
            ["Rates:Exchanges:Binance:Enabled"] = "false",
        }));

        Assert.Contains(refused.Failures, error => error.Contains("at least 3 enabled exchanges", StringComparison.Ordinal));
    }

    [Fact]
    public void The_limit_rate_from_exchanges_needs_the_exchanges_source()
    {
        var options = new ExchangeRatesOptions { UsdToEurFromExchanges = true };

        Assert.Contains("Rates:UsdToEurFromExchanges needs Rates:Source=Exchanges.", options.Validate());
    }

    [Fact]
    public void Bad_urls_of_a_disabled_exchange_or_of_the_static_source_are_not_checked()
    {
        Assert.Empty(new ExchangeRatesOptions { Exchanges = { Kraken = { BaseUrl = "nonsense" } } }.Validate());
        Assert.Empty(new ExchangeRatesOptions
        {
            Source = RateSourceKind.Exchanges,
            Exchanges = { Kraken = { BaseUrl = "nonsense", Enabled = false } },
        }.Validate());
    }
}
