using System.Net;
using System.Text.Json.Serialization;

namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>
/// Kraken: <c>GET /0/public/Ticker?pair=XBTEUR</c> →
/// <c>{"error":[],"result":{"XXBTZEUR":{"a":[…],"b":[…],"c":["86000.10000","0.00035000"],…}}}</c>; the price is
/// <c>c[0]</c>, the last trade. The answer carries no time, so the observation is stamped on arrival. The result's
/// key is Kraken's own name for the pair (XXBTZEUR for XBTEUR: each asset may carry an X or Z in front); an answer
/// whose key names another pair is not believed (malformed), like any answer about something we did not ask.
/// Errors come as HTTP 200 with <c>{"error":["EQuery:Unknown asset pair"]}</c>; a public rate limit is
/// <c>EGeneral:Too many requests</c>.
/// </summary>
public sealed class KrakenTicker(IHttpClientFactory clients) : IExchangeTicker
{
    /// <summary>
    /// Kraken calls bitcoin XBT. It lists every pair we quote, and EUR/USD (USD per EUR, hence inverted for
    /// our USD→EUR reference rate).
    /// </summary>
    private static readonly Dictionary<(string From, string To), ExchangeSymbol> Symbols = new()
    {
        [("BTC", "EUR")] = new("XBTEUR"),
        [("BTC", "USD")] = new("XBTUSD"),
        [("ETH", "EUR")] = new("ETHEUR"),
        [("ETH", "USD")] = new("ETHUSD"),
        [("LTC", "EUR")] = new("LTCEUR"),
        [("LTC", "USD")] = new("LTCUSD"),
        [("BCH", "EUR")] = new("BCHEUR"),
        [("BCH", "USD")] = new("BCHUSD"),
        [("XRP", "EUR")] = new("XRPEUR"),
        [("XRP", "USD")] = new("XRPUSD"),
        [("USDT", "EUR")] = new("USDTEUR"),
        [("USDT", "USD")] = new("USDTUSD"),
        [("USDC", "EUR")] = new("USDCEUR"),
        [("USDC", "USD")] = new("USDCUSD"),
        [("DAI", "EUR")] = new("DAIEUR"),
        [("DAI", "USD")] = new("DAIUSD"),
        [("USD", "EUR")] = new("EURUSD", Inverted: true),
    };

    public string Name => ExchangeNames.Kraken;

    public ExchangeSymbol? SymbolFor(string from, string to) => Symbols.GetValueOrDefault((from, to));

    public Task<TickerAnswer> FetchAsync(ExchangeSymbol symbol, CancellationToken cancellationToken) =>
        TickerHttp.GetAsync(
            clients.CreateClient(TickerHttp.ClientName(Name)),
            "0/public/Ticker?pair=" + Uri.EscapeDataString(symbol.Symbol),
            (status, body) => Interpret(symbol, status, body),
            cancellationToken);

    private static TickerAnswer Interpret(ExchangeSymbol symbol, HttpStatusCode status, string body)
    {
        var answer = TickerHttp.TryRead<Answer>(body);
        if (answer?.Error is { Length: > 0 } errors)
        {
            var detail = string.Join("; ", errors);
            return errors.Any(IsRateLimit)
                ? TickerAnswer.Failed(TickerFailureKind.RateLimited, detail)
                : TickerAnswer.Failed(TickerFailureKind.ExchangeError, detail);
        }

        if (TickerHttp.FailedStatus(status) is { } failed)
        {
            return failed;
        }

        if (answer?.Result is not { Count: 1 } result || result.Single() is not (var key, { LastTrade: [var price, ..] }))
        {
            return TickerHttp.Malformed("no result.<pair>.c[0]");
        }

        return NamesPair(key, symbol.Symbol) ? TickerHttp.Price(price, exchangeTime: null) : TickerHttp.Malformed("answer for another pair");
    }

    /// <summary>
    /// Whether Kraken's key for a result is the pair asked for: the same letters, or with an X or Z before either asset
    /// (XXBTZEUR for XBTEUR, ZEURZUSD for EURUSD, USDTZUSD for USDTUSD). Every pair we ask for ends in a 3-letter fiat.
    /// </summary>
    private static bool NamesPair(string key, string asked)
    {
        var (assetAsked, quote) = (asked[..^3], asked[^3..]);
        var asset = key.EndsWith("Z" + quote, StringComparison.Ordinal) ? key[..^4]
            : key.EndsWith(quote, StringComparison.Ordinal) ? key[..^3]
            : null;
        return asset == assetAsked || asset == "X" + assetAsked || asset == "Z" + assetAsked;
    }

    private static bool IsRateLimit(string error) =>
        error.StartsWith("EGeneral:Too many requests", StringComparison.Ordinal)
        || error.StartsWith("EAPI:Rate limit exceeded", StringComparison.Ordinal);

    private sealed record Answer(
        [property: JsonPropertyName("error")] string[]? Error,
        [property: JsonPropertyName("result")] Dictionary<string, Pair>? Result);

    private sealed record Pair([property: JsonPropertyName("c")] string[]? LastTrade);
}
