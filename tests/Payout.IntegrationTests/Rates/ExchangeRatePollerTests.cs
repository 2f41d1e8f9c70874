using Payout.Api.Features.Rates.Exchanges;

namespace Payout.IntegrationTests.Rates;

/// <summary>
/// Poll rounds against the fake exchanges, awaited one at a time: what is kept, what the source answers, what
/// is counted. Prices (BTC/EUR): Kraken 86 000, Coinbase 86 086, Bitstamp 86 258, Binance 86 344.
/// </summary>
public sealed class ExchangeRatePollerTests(FakeExchangesFixture fakes) : IClassFixture<FakeExchangesFixture>
{
    private FakeExchanges Exchanges => fakes.Exchanges;

    [Fact]
    public async Task A_round_asks_every_exchange_and_the_rate_is_their_median_observed_now()
    {
        using var rig = new RatesRig(fakes);

        await rig.PollAsync();

        var rate = await rig.RateAsync("BTC", "EUR");
        Assert.NotNull(rate);
        // (86 086 + 86 258) ÷ 2: the mean of the two middle prices of four.
        Assert.Equal(86_172m, rate.Value);
        Assert.Equal(rig.Clock.GetUtcNow(), rate.ObservedAt);
        // USD: Kraken 93 500, Coinbase 93 593.5, Bitstamp 93 780.5 (Binance has no USD books).
        Assert.Equal(93_593.5m, (await rig.RateAsync("BTC", "USD"))?.Value);
    }

    [Fact]
    public async Task A_pair_only_one_exchange_lists_has_no_rate_and_says_why()
    {
        using var rig = new RatesRig(fakes);

        await rig.PollAsync();

        // DAI/EUR: of the four, only Kraken lists it.
        Assert.Null(await rig.RateAsync("DAI", "EUR"));
        Assert.Equal(
            "fresh rates (at most 60 s old) from 1 exchange(s) (kraken 0.92); at least 2 must agree.",
            rig.ExchangeSource.WhyUnavailable("DAI", "EUR", rig.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Symbols_quoted_the_other_way_round_are_inverted()
    {
        using var rig = new RatesRig(fakes, new Dictionary<string, string?> { ["Rates:UsdToEurFromExchanges"] = "true" });

        await rig.PollAsync();

        // Kraken's EURUSD and Bitstamp's eurusd are 1.25 USD per EUR: 0.8 EUR per USD.
        Assert.Equal(0.8m, (await rig.RateAsync("USD", "EUR"))?.Value);
        // Binance's EURUSDT is 1 ÷ (0.92 × 1.004) = 1.08262602 USDT per EUR (8 decimals); 1 ÷ 1.08262602 is
        // 0.92367999801076…, kept to 12 decimals (rounded down).
        var binance = rig.Observations.Of("USDT", "EUR").Single(o => o.Exchange == ExchangeNames.Binance);
        Assert.Equal(0.923679998010m, binance.Price);
    }

    [Fact]
    public async Task A_lying_exchange_is_dropped_counted_and_the_rest_make_the_rate()
    {
        using var rig = new RatesRig(fakes);
        Exchanges.Binance.Lie = 1.2m;

        await rig.PollAsync();

        // Binance at 103 612.8 is 20 % above the median of all four (86 172): dropped; the median of the rest is Coinbase's.
        Assert.Equal(86_086m, (await rig.RateAsync("BTC", "EUR"))?.Value);
        Assert.Contains(rig.Outliers.GetMeasurementSnapshot(), m =>
            m.Tags["exchange"] as string == ExchangeNames.Binance && m.Tags["currency_from"] as string == "BTC" && m.Tags["currency_to"] as string == "EUR");
        Assert.DoesNotContain(rig.Outliers.GetMeasurementSnapshot(), m => m.Tags["exchange"] as string != ExchangeNames.Binance);
    }

    [Fact]
    public async Task Two_exchanges_further_apart_than_twice_the_band_give_no_rate()
    {
        using var rig = new RatesRig(fakes);
        Exchanges.Coinbase.Behaviour = FakeBehaviour.ServerError;
        Exchanges.Bitstamp.Lie = 1.05m;

        await rig.PollAsync();

        // BTC/USD is left to Kraken (93 500) and Bitstamp (98 469.525): each is 2.5 % from their median.
        Assert.Null(await rig.RateAsync("BTC", "USD"));
        Assert.StartsWith("the exchanges disagree by more than 2 % (", rig.ExchangeSource.WhyUnavailable("BTC", "USD", rig.Clock.GetUtcNow()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_failure_is_counted_per_exchange_and_kind_and_every_request_is_timed()
    {
        using var rig = new RatesRig(fakes);
        // One hanging request is enough for a timeout, and keeps the round short.
        Exchanges.Kraken.Set("XBTEUR", FakeBehaviour.Hang);
        Exchanges.Coinbase.Behaviour = FakeBehaviour.Malformed;
        Exchanges.Bitstamp.Behaviour = FakeBehaviour.ServerError;
        Exchanges.Binance.Behaviour = FakeBehaviour.RateLimited;

        await rig.PollAsync();

        var errors = rig.Errors.GetMeasurementSnapshot()
            .Select(m => (Exchange: (string)m.Tags["exchange"]!, Kind: (string)m.Tags["kind"]!)).Distinct().ToList();
        Assert.Contains((ExchangeNames.Kraken, "timeout"), errors);
        Assert.Contains((ExchangeNames.Coinbase, "malformed"), errors);
        Assert.Contains((ExchangeNames.Bitstamp, "http_status"), errors);
        Assert.Contains((ExchangeNames.Binance, "rate_limited"), errors);
        var timed = rig.Latency.GetMeasurementSnapshot().Select(m => ((string)m.Tags["exchange"]!, (string)m.Tags["outcome"]!)).Distinct().ToList();
        Assert.Contains((ExchangeNames.Kraken, "ok"), timed);
        Assert.Contains((ExchangeNames.Kraken, "timeout"), timed);
        Assert.Contains((ExchangeNames.Binance, "rate_limited"), timed);
        Assert.Null(await rig.RateAsync("BTC", "EUR"));
    }

    [Fact]
    public async Task A_rate_limited_exchange_is_not_asked_again_before_its_retry_after()
    {
        using var rig = new RatesRig(fakes);
        Exchanges.Binance.Behaviour = FakeBehaviour.RateLimited;
        Exchanges.Binance.RetryAfterSeconds = 30;

        await rig.PollAsync();
        var asked = Exchanges.Binance.Requests;
        Exchanges.Binance.Behaviour = FakeBehaviour.Healthy;
        rig.Clock.Advance(TimeSpan.FromSeconds(29));
        await rig.PollAsync();

        Assert.Equal(asked, Exchanges.Binance.Requests);

        rig.Clock.Advance(TimeSpan.FromSeconds(1));
        await rig.PollAsync();

        Assert.True(Exchanges.Binance.Requests > asked, "Binance was not asked again after its Retry-After.");
        Assert.Contains(rig.Observations.Of("BTC", "EUR"), o => o.Exchange == ExchangeNames.Binance);
    }

    [Fact]
    public async Task A_dead_exchange_is_not_asked_once_its_circuit_is_open()
    {
        using var rig = new RatesRig(fakes);
        Exchanges.Kraken.Behaviour = FakeBehaviour.Unreachable;

        await rig.PollAsync();
        var asked = Exchanges.Kraken.Requests;
        await rig.PollAsync();

        Assert.Equal(asked, Exchanges.Kraken.Requests);
        Assert.Contains(rig.Errors.GetMeasurementSnapshot(), m => m.Tags["exchange"] as string == ExchangeNames.Kraken && m.Tags["kind"] as string == "circuit_open");
        // The other three still make BTC/EUR: median of 86 086, 86 258 and 86 344.
        Assert.Equal(86_258m, (await rig.RateAsync("BTC", "EUR"))?.Value);
    }

    [Fact]
    public async Task An_exchange_clock_ahead_of_ours_does_not_make_its_price_fresher()
    {
        using var rig = new RatesRig(fakes);
        Exchanges.Coinbase.ClockOffset = TimeSpan.FromMinutes(5);

        await rig.PollAsync();

        var coinbase = rig.Observations.Of("BTC", "EUR").Single(o => o.Exchange == ExchangeNames.Coinbase);
        Assert.Equal(rig.Clock.GetUtcNow(), coinbase.ObservedAt);
    }

    [Fact]
    public async Task A_last_trade_older_than_the_max_age_does_not_count()
    {
        using var rig = new RatesRig(fakes);
        // Coinbase's last BTC trade was 61 s ago: its price is that old.
        Exchanges.Coinbase.ClockOffset = TimeSpan.FromSeconds(-61);

        await rig.PollAsync();

        // Median of Kraken, Bitstamp and Binance only.
        Assert.Equal(86_258m, (await rig.RateAsync("BTC", "EUR"))?.Value);
    }

    [Fact]
    public async Task An_observation_stops_counting_the_moment_it_is_too_old_not_at_the_next_round()
    {
        using var rig = new RatesRig(fakes);
        await rig.PollAsync();
        Exchanges.Kraken.Behaviour = FakeBehaviour.ServerError;
        rig.Clock.Advance(TimeSpan.FromSeconds(30));
        await rig.PollAsync();

        rig.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(86_172m, (await rig.RateAsync("BTC", "EUR"))?.Value);
        rig.Clock.Advance(TimeSpan.FromSeconds(1));

        // Kraken's last price is now 61 s old: the median of the other three, observed at the last round.
        var rate = await rig.RateAsync("BTC", "EUR");
        Assert.Equal(86_258m, rate?.Value);
        Assert.Equal(rig.Clock.GetUtcNow().AddSeconds(-31), rate?.ObservedAt);
    }

    [Fact]
    public async Task The_age_gauge_shows_the_oldest_price_in_the_rate_and_keeps_growing_while_the_pair_has_none()
    {
        using var rig = new RatesRig(fakes);
        await rig.PollAsync();
        Assert.Equal(0, rig.RateAgeGauge("BTC", "EUR"));

        Exchanges.Kraken.Behaviour = FakeBehaviour.ServerError;
        rig.Clock.Advance(TimeSpan.FromSeconds(20));
        await rig.PollAsync();
        // Kraken's 20 s old price is still in the median.
        Assert.Equal(20, rig.RateAgeGauge("BTC", "EUR"));

        foreach (var exchange in Exchanges.All)
        {
            exchange.Behaviour = FakeBehaviour.ServerError;
        }

        rig.Clock.Advance(TimeSpan.FromSeconds(20));
        await rig.PollAsync();
        rig.Clock.Advance(TimeSpan.FromSeconds(45));

        // No rate now; the last agreed one (judged at the last round, as old as Kraken's first price) is 85 s old.
        Assert.Null(await rig.RateAsync("BTC", "EUR"));
        Assert.Equal(85, rig.RateAgeGauge("BTC", "EUR"));
    }
}
