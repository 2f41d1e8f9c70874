using CsCheck;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Rates;
using Payout.Api.Features.Rates;
using Payout.UnitTests.Support;

namespace Payout.UnitTests.Rates;

public sealed class CustomerRateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 19, 40, 4, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    [Theory]
    // 86 000 × 0.98 = 84 280 exactly.
    [InlineData("86000", "0.02", "84280")]
    // 0.92 × 0.98 = 0.9016 exactly.
    [InlineData("0.92", "0.02", "0.9016")]
    // 2.05 × 0.97 = 1.9885; 1 × 0.965 = 0.965.
    [InlineData("2.05", "0.03", "1.9885")]
    // 0.123456789 × 0.98 = 0.12098765322 → down to 8 decimals 0.12098765.
    [InlineData("0.123456789", "0.02", "0.12098765")]
    // 3370.12345678 × 0.985 = 3319.571604928... → 3319.57160492 (down, not to nearest ...93).
    [InlineData("3370.12345678", "0.015", "3319.57160492")]
    public void Customer_rate_is_the_market_rate_less_the_spread_rounded_down_to_8_decimals(string market, string spread, string expected) =>
        Assert.Equal(Dec.Parse(expected), CustomerRates.ApplySpread(Dec.Parse(market), Dec.Parse(spread)));

    [Fact]
    public void Customer_rate_never_exceeds_the_exact_rate_and_loses_less_than_one_unit() =>
        Gen.Select(Gen.Long[1, 10_000_000_000_000].Select(u => u / 1_000_000_000m), Gen.Int[0, 999].Select(s => s / 1000m))
            .Sample((market, spread) =>
            {
                var exact = market * (1 - spread);
                var rate = CustomerRates.ApplySpread(market, spread);
                Assert.True(rate <= exact);
                Assert.True(exact - rate < Rounding.Unit(CustomerRates.Scale));
                Assert.True(Rounding.FitsScale(rate, CustomerRates.Scale));
            });

    [Fact]
    public void A_rate_exactly_max_age_old_is_still_quoted()
    {
        var market = new MarketRate("BTC", "EUR", 86_000m, Now - MaxAge);
        var rate = CustomerRates.FromMarket(market, 0.02m, MaxAge, Now);
        Assert.NotNull(rate);
        Assert.Equal(84_280m, rate.Value);
        Assert.Equal(86_000m, rate.MarketValue);
        Assert.Equal(market.ObservedAt, rate.ObservedAt);
    }

    [Fact]
    public void A_rate_one_second_older_than_max_age_is_not_quoted()
    {
        var market = new MarketRate("BTC", "EUR", 86_000m, Now - MaxAge - TimeSpan.FromSeconds(1));
        Assert.Null(CustomerRates.FromMarket(market, 0.02m, MaxAge, Now));
    }

    [Fact]
    public void A_rate_stamped_after_the_callers_clock_read_is_fresh()
    {
        var market = new MarketRate("BTC", "EUR", 86_000m, Now + TimeSpan.FromMilliseconds(5));
        Assert.NotNull(CustomerRates.FromMarket(market, 0.02m, MaxAge, Now));
    }

    [Fact]
    public void A_rate_that_rounds_to_zero_after_the_spread_is_not_quoted()
    {
        // 0.00000001 × 0.98 = 0.0000000098 → down to 8 decimals is 0: unusable as a divisor.
        var market = new MarketRate("XRP", "EUR", 0.00000001m, Now);
        Assert.Null(CustomerRates.FromMarket(market, 0.02m, MaxAge, Now));
    }

    [Fact]
    public async Task Configured_source_stamps_its_rates_with_the_current_time()
    {
        var clock = new ManualTimeProvider(Now);
        var source = new ConfiguredRateSource(Options.Create(new RatesOptions()), clock);

        var rate = await source.GetAsync("BTC", "EUR", CancellationToken.None);

        Assert.Equal(new MarketRate("BTC", "EUR", 86_000m, Now), rate);
    }

    [Fact]
    public async Task Configured_source_has_no_rate_for_an_unknown_pair()
    {
        var source = new ConfiguredRateSource(Options.Create(new RatesOptions()), new ManualTimeProvider(Now));
        Assert.Null(await source.GetAsync("DOGE", "EUR", CancellationToken.None));
        Assert.Null(await source.GetAsync("BTC", "GBP", CancellationToken.None));
    }

    [Fact]
    public async Task Customer_rate_from_the_configured_source_is_fresh_at_the_time_of_reading()
    {
        var clock = new ManualTimeProvider(Now);
        var source = new ConfiguredRateSource(Options.Create(new RatesOptions()), clock);

        var rate = await source.GetCustomerRateAsync("USDT", "EUR", 0.02m, MaxAge, clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(0.9016m, rate?.Value);
    }

    [Fact]
    public async Task Customer_rate_is_unavailable_when_the_source_has_none()
    {
        var source = new ConfiguredRateSource(Options.Create(new RatesOptions()), new ManualTimeProvider(Now));
        Assert.Null(await source.GetCustomerRateAsync("DOGE", "EUR", 0.02m, MaxAge, Now, CancellationToken.None));
    }
}
