using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Rates;

namespace Payout.IntegrationTests.Security;

/// <summary>
/// OWASP API10 (unsafe consumption of APIs) for the other outside API the service reads, the exchanges' tickers
/// (<c>Rates:Source=Exchanges</c>; the payout network's side is <c>OwaspApiTop10Tests.API10_…</c>). It runs with the
/// live-rates tests, alone (see <see cref="LiveRatesCollection"/>). The fakes quote BTC/EUR at Kraken 86 000, Coinbase
/// 86 086, Bitstamp 86 258, Binance 86 344; BTC/USD at Kraken 93 500, Coinbase 93 593.5, Bitstamp 93 780.5; ETH/EUR at
/// Kraken 3 100, Coinbase 3 103.1, Bitstamp 3 109.3, Binance 3 112.4. Customer rate = median × 0.98.
/// </summary>
[Collection(LiveRatesCollection.Name)]
public sealed class UnsafeExchangeAnswersTests(LiveRatesApp app) : IClassFixture<LiveRatesApp>
{
    /// <summary>
    /// An answer over 64 KiB, one about another pair than the one asked, or one whose price is not a positive decimal
    /// gives no price: the pair is quoted from the exchanges that answered properly, exactly as if the bad one had said
    /// nothing, and each is counted as <c>malformed</c> and logged. (A price that merely disagrees with the others is
    /// dropped as an outlier: <c>LiveRatesTests.An_exchange_lying_by_20_percent_is_dropped_counted_and_the_others_quoted</c>.)
    /// </summary>
    [Fact]
    public async Task API10_Unsafe_consumption_of_apis_garbage_from_the_exchanges_changes_no_rate_and_is_counted_and_logged()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        app.Exchanges.Reset();
        await RatesWhenAsync(client, r => r.Of("BTC/EUR") == 84_448.56m, "quoted from every exchange", app.NextRound);

        app.Exchanges.Coinbase.Set("BTC-EUR", FakeBehaviour.Oversized);
        app.Exchanges.Binance.Set("BTCEUR", FakeBehaviour.OtherPair);
        app.Exchanges.Kraken.Set("XBTUSD", FakeBehaviour.OtherPair);
        app.Exchanges.Bitstamp.Set("etheur", FakeBehaviour.NegativePrice);
        app.BeyondMaxAge();

        // BTC/EUR from Kraken and Bitstamp, (86 000 + 86 258) ÷ 2; BTC/USD from Coinbase and Bitstamp, (93 593.5 + 93 780.5) ÷ 2;
        // ETH/EUR from Kraken, Coinbase and Binance: Coinbase's 3 103.1.
        var rates = await RatesWhenAsync(
            client,
            r => r.Of("BTC/EUR") == 84_406.42m && r.Of("BTC/USD") == 91_813.26m && r.Of("ETH/EUR") == 3_041.038m,
            "quoted from the exchanges that answered properly",
            app.BeyondMaxAge);
        var offer = await app.OfferAsync(client, cardId, 100m, "USDT", "EUR");
        Assert.Equal(rates.Of("USDT/EUR"), offer.GetProperty("rate").GetDecimal());

        await Eventually.ReadAsync(ScrapeAsync,
            text => CountedMalformed(text, "coinbase") && CountedMalformed(text, "binance") && CountedMalformed(text, "kraken"),
            "counting each exchange's bad answer as malformed");
        foreach (var (exchange, symbol, why) in new[]
        {
            ("coinbase", "BTC-EUR", "answer larger than a ticker"), ("binance", "BTCEUR", "answer for another symbol"),
            ("kraken", "XBTUSD", "answer for another pair"), ("bitstamp", "etheur", "no positive decimal price"),
        })
        {
            Assert.Contains(app.Logs.Lines, line => line.Contains($"Exchange {exchange} gave no {symbol} price: Malformed ({why})", StringComparison.Ordinal));
        }
    }

    /// <summary>/data's rates once <paramref name="done"/> holds; <paramref name="nudge"/> moves the clock meanwhile.</summary>
    private static Task<QuotedRates> RatesWhenAsync(HttpClient client, Func<QuotedRates, bool> done, string what, Action nudge) =>
        Eventually.ReadAsync(async () =>
        {
            using var response = await client.GetAsync("/v4/payout/data");
            return new QuotedRates(response.StatusCode != HttpStatusCode.OK
                ? []
                : (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pairs").EnumerateArray().ToDictionary(
                    p => $"{p.GetProperty("currencyFrom").GetString()}/{p.GetProperty("currencyTo").GetString()}",
                    p => p.GetProperty("rate").GetDecimal()));
        }, done, what, nudge);

    private async Task<string> ScrapeAsync()
    {
        using var client = app.CreateClient();
        return await client.GetStringAsync("/metrics");
    }

    /// <summary>A series exists once counted; no other test makes Kraken, Coinbase or Binance answer garbage (Bitstamp's shows in its log line).</summary>
    private static bool CountedMalformed(string scrape, string exchange) =>
        scrape.Split('\n').Any(line => line.StartsWith("payout_rates_exchange_errors_total{", StringComparison.Ordinal)
            && line.Contains($"exchange=\"{exchange}\"", StringComparison.Ordinal) && line.Contains("kind=\"malformed\"", StringComparison.Ordinal));

    private sealed record QuotedRates(Dictionary<string, decimal> Rates)
    {
        public decimal? Of(string pair) => Rates.TryGetValue(pair, out var rate) ? rate : null;

        public override string ToString() => string.Join(", ", Rates.Select(r => $"{r.Key} {r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
    }
}
