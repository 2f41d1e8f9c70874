using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Rates;

/// <summary>
/// <c>Rates:Source=Exchanges</c> end to end, through HTTP. The fakes quote BTC/EUR at Kraken 86 000, Coinbase
/// 86 086, Bitstamp 86 258, Binance 86 344, and BTC/USD at Kraken 93 500, Coinbase 93 593.5, Bitstamp 93 780.5
/// (Binance has no USD books). Customer rate = median × 0.98.
/// </summary>
[Collection(LiveRatesCollection.Name)]
public sealed partial class LiveRatesTests(LiveRatesApp app) : IClassFixture<LiveRatesApp>
{
    // Medians of four (EUR) and three (USD), less the 2 % spread.
    private const decimal AllBtcEur = 84_448.56m;
    private const decimal AllBtcUsd = 91_721.63m;

    private FakeExchanges Exchanges => app.Exchanges;

    [Fact]
    public async Task Data_shows_the_median_of_the_exchanges_less_the_spread()
    {
        var (_, client, _) = await app.PayingCustomerAsync();

        var data = await RestoreAsync(client);

        Assert.Equal(AllBtcEur, data.Rates["BTC/EUR"]);
        Assert.Equal(AllBtcUsd, data.Rates["BTC/USD"]);
        // DAI/EUR: of the four, only Kraken lists it, and one exchange is not enough.
        Assert.DoesNotContain("DAI/EUR", data.Rates.Keys);
        Assert.Contains("DAI/USD", data.Rates.Keys);
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync()).Status);
    }

    [Fact]
    public async Task With_one_exchange_down_pairs_are_quoted_from_the_others()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        await RestoreAsync(client);

        Exchanges.Coinbase.Behaviour = FakeBehaviour.Unreachable;
        app.BeyondMaxAge();

        // EUR: median of Kraken, Bitstamp and Binance (86 258); USD: of Kraken and Bitstamp (93 640.25).
        var data = await DataWhenAsync(client, d => d.Rate("BTC/EUR") == 84_532.84m && d.Rate("BTC/USD") == 91_767.445m, "quoted without Coinbase");
        var offer = await app.OfferAsync(client, cardId, 100m, "USDT", "USD");
        Assert.Equal(data.Rates["USDT/USD"], offer.GetProperty("rate").GetDecimal());
    }

    [Fact]
    public async Task An_exchange_lying_by_20_percent_is_dropped_counted_and_the_others_quoted()
    {
        var (_, client, _) = await app.PayingCustomerAsync();
        await RestoreAsync(client);

        Exchanges.Binance.Lie = 1.2m;
        app.NextRound();

        // Binance's 103 612.8 is dropped; the median of the other three is Coinbase's 86 086.
        await DataWhenAsync(client, d => d.Rate("BTC/EUR") == 84_364.28m && d.Rate("BTC/USD") == AllBtcUsd, "quoted without the liar");
        await EventuallyAsync(ScrapeAsync,
            text => Samples(text, "payout_rates_outliers_dropped_total", "exchange=\"binance\"", "currency_from=\"BTC\"", "currency_to=\"EUR\"").Any(v => v >= 1),
            TimeSpan.FromSeconds(20), "Binance's BTC/EUR counted as an outlier");
    }

    [Fact]
    public async Task With_every_exchange_failing_pairs_leave_data_offers_and_ready_answer_503_until_they_recover()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        await RestoreAsync(client);

        Exchanges.Kraken.Behaviour = FakeBehaviour.Unreachable;
        Exchanges.Coinbase.Behaviour = FakeBehaviour.ServerError;
        Exchanges.Bitstamp.Behaviour = FakeBehaviour.Malformed;
        Exchanges.Bitstamp.Set("btceur", FakeBehaviour.Hang);
        Exchanges.Binance.Behaviour = FakeBehaviour.RateLimited;
        app.BeyondMaxAge();

        await DataWhenAsync(client, d => d.Status == HttpStatusCode.ServiceUnavailable, "unavailable");
        await (await client.GetAsync("/v4/payout/data")).AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "RATE_UNAVAILABLE");
        await (await app.CreateOfferAsync(client, cardId, 100m, "USDT", "EUR")).AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "RATE_UNAVAILABLE");
        var ready = await ReadyAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        var rates = ready.Body.GetProperty("checks").GetProperty("rates").GetProperty("description").GetString();
        Assert.StartsWith(
            "The BTC/EUR rate is unavailable: fresh rates (at most 60 s old) from 0 exchange(s); at least 2 must agree. The last agreed rate is",
            rates, StringComparison.Ordinal);
        // The round that fails goes on in the background (Bitstamp's BTC/EUR waits for its timeout).
        var scrape = await EventuallyAsync(ScrapeAsync,
            text => Counted(text, "kraken", "unreachable") && Counted(text, "coinbase", "http_status") && Counted(text, "bitstamp", "malformed")
                && Counted(text, "bitstamp", "timeout") && Counted(text, "binance", "rate_limited")
                && Samples(text, "payout_rates_age_seconds", "currency_from=\"BTC\"", "currency_to=\"EUR\"").Any(age => age > 60),
            TimeSpan.FromSeconds(20), "every exchange's failure counted and the BTC/EUR rate shown older than 60 s");
        Assert.Contains("payout_rates_exchange_request_duration_seconds_bucket", scrape, StringComparison.Ordinal);

        await RestoreAsync(client);

        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync()).Status);
        await app.OfferAsync(client, cardId, 100m, "USDT", "EUR");
    }

    [Fact]
    public async Task A_pair_left_with_one_exchange_leaves_data_while_the_others_stay()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        await RestoreAsync(client);

        Exchanges.Coinbase.Behaviour = FakeBehaviour.ServerError;
        Exchanges.Bitstamp.Behaviour = FakeBehaviour.Malformed;
        app.BeyondMaxAge();

        // USD pairs: only Kraken left. EUR pairs: Kraken and Binance, (86 000 + 86 344) ÷ 2 = 86 172.
        await DataWhenAsync(client, d => d.Rate("BTC/EUR") == 84_448.56m && !d.HasUsdPairs, "quoted from Kraken and Binance, without USD pairs");
        await (await app.CreateOfferAsync(client, cardId, 100m, "USDT", "USD")).AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "RATE_UNAVAILABLE");
        await app.OfferAsync(client, cardId, 100m, "USDT", "EUR");
        // Readiness follows the first pair, BTC/EUR.
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync()).Status);
    }

    [Fact]
    public async Task A_USD_payout_counts_against_the_limit_at_the_exchanges_EUR_USD_rate()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        await RestoreAsync(client);

        var offer = await app.OfferAsync(client, cardId, 100m, "USDT", "USD");
        var paid = await app.PayAsync(client, offer.GetProperty("offerId").GetInt64());
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        var next = await app.OfferAsync(client, cardId, 100m, "USDT", "USD");

        // Kraken and Bitstamp quote 1.25 USD per EUR: 0.8 EUR per USD (not the configured 0.92), rounded up to cents.
        var countedEur = decimal.Ceiling(offer.GetProperty("amountTo").GetDecimal() * 0.8m * 100m) / 100m;
        Assert.Equal(9_700m - countedEur, next.GetProperty("limit").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Without_a_live_EUR_USD_rate_USD_pairs_are_not_quoted()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        await RestoreAsync(client);

        Exchanges.Kraken.Set("EURUSD", FakeBehaviour.UnknownPair);
        app.BeyondMaxAge();

        // EUR/USD is left to Bitstamp alone; BTC/USD itself still has three exchanges.
        await DataWhenAsync(client, d => d.Rate("BTC/EUR") == AllBtcEur && !d.HasUsdPairs, "quoted in EUR only");
        await (await app.CreateOfferAsync(client, cardId, 100m, "USDT", "USD")).AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "RATE_UNAVAILABLE");
    }

    /// <summary>Every exchange healthy again, and /data back at the medians of all of them.</summary>
    private async Task<DataRates> RestoreAsync(HttpClient client)
    {
        Exchanges.Reset();
        return await EventuallyAsync(
            () => DataAsync(client),
            d => d.Rate("BTC/EUR") == AllBtcEur && d.Rate("BTC/USD") == AllBtcUsd,
            TimeSpan.FromSeconds(20), "BTC quoted from every exchange",
            nudge: app.NextRound);
    }

    /// <summary>
    /// Waits for /data to show the state the switches make. Meanwhile more than the max age passes every second,
    /// so a round that started before the switches were set cannot leave a stray fresh price behind for long.
    /// </summary>
    private Task<DataRates> DataWhenAsync(HttpClient client, Func<DataRates, bool> done, string what) =>
        EventuallyAsync(() => DataAsync(client), done, TimeSpan.FromSeconds(20), what, nudge: app.BeyondMaxAge);

    private static async Task<DataRates> DataAsync(HttpClient client)
    {
        var response = await client.GetAsync("/v4/payout/data");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new DataRates(response.StatusCode, new Dictionary<string, decimal>());
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new DataRates(response.StatusCode, body.GetProperty("pairs").EnumerateArray().ToDictionary(
            p => $"{p.GetProperty("currencyFrom").GetString()}/{p.GetProperty("currencyTo").GetString()}",
            p => p.GetProperty("rate").GetDecimal()));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/health/ready");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private async Task<string> ScrapeAsync()
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync("/metrics");
    }

    private static bool Counted(string scrape, string exchange, string kind) =>
        Samples(scrape, "payout_rates_exchange_errors_total", $"exchange=\"{exchange}\"", $"kind=\"{kind}\"").Any(count => count >= 1);

    /// <summary>
    /// Every sample of <paramref name="name"/> carrying all <paramref name="labels"/>. Other test apps in this process
    /// report on the same meter names, so callers look for one sample that fits rather than the first.
    /// </summary>
    private static IEnumerable<double> Samples(string scrape, string name, params string[] labels) =>
        Sample().Matches(scrape)
            .Where(m => m.Groups["name"].Value == name && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    private sealed record DataRates(HttpStatusCode Status, IReadOnlyDictionary<string, decimal> Rates)
    {
        public decimal? Rate(string pair) => Rates.TryGetValue(pair, out var rate) ? rate : null;

        public bool HasUsdPairs => Rates.Keys.Any(pair => pair.EndsWith("/USD", StringComparison.Ordinal));

        public override string ToString() =>
            $"{(int)Status} {string.Join(", ", Rates.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value}")))}";
    }
}
