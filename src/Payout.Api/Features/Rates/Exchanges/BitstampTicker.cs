using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;

namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>
/// Bitstamp: <c>GET /api/v2/ticker/btceur/</c> →
/// <c>{"timestamp":"1795435200","open":"…","high":"…","low":"…","last":"86000","volume":"…","vwap":"…","bid":"…","ask":"…","side":"0","open_24":"…","percent_change_24":"…"}</c>.
/// <c>last</c> is the price and <c>timestamp</c> (Unix seconds, as a string) the ticker's time. Errors are
/// <c>{"status":"error","reason":"…","code":"…"}</c>.
/// </summary>
public sealed class BitstampTicker(IHttpClientFactory clients) : IExchangeTicker
{
    /// <summary>Lower-case BASEQUOTE. No DAI/EUR book; EUR/USD is USD per EUR, hence inverted.</summary>
    private static readonly Dictionary<(string From, string To), ExchangeSymbol> Symbols = new()
    {
        [("BTC", "EUR")] = new("btceur"),
        [("BTC", "USD")] = new("btcusd"),
        [("ETH", "EUR")] = new("etheur"),
        [("ETH", "USD")] = new("ethusd"),
        [("LTC", "EUR")] = new("ltceur"),
        [("LTC", "USD")] = new("ltcusd"),
        [("BCH", "EUR")] = new("bcheur"),
        [("BCH", "USD")] = new("bchusd"),
        [("XRP", "EUR")] = new("xrpeur"),
        [("XRP", "USD")] = new("xrpusd"),
        [("USDT", "EUR")] = new("usdteur"),
        [("USDT", "USD")] = new("usdtusd"),
        [("USDC", "EUR")] = new("usdceur"),
        [("USDC", "USD")] = new("usdcusd"),
        [("DAI", "USD")] = new("daiusd"),
        [("USD", "EUR")] = new("eurusd", Inverted: true),
    };

    public string Name => ExchangeNames.Bitstamp;

    public ExchangeSymbol? SymbolFor(string from, string to) => Symbols.GetValueOrDefault((from, to));

    public Task<TickerAnswer> FetchAsync(ExchangeSymbol symbol, CancellationToken cancellationToken) =>
        TickerHttp.GetAsync(
            clients.CreateClient(TickerHttp.ClientName(Name)),
            "api/v2/ticker/" + Uri.EscapeDataString(symbol.Symbol) + "/",
            Interpret,
            cancellationToken);

    private static TickerAnswer Interpret(HttpStatusCode status, string body)
    {
        var ticker = TickerHttp.TryRead<Ticker>(body);
        if (ticker is { Status: "error" })
        {
            return TickerAnswer.Failed(TickerFailureKind.ExchangeError, $"{ticker.Reason} ({ticker.Code})");
        }

        if (TickerHttp.FailedStatus(status) is { } failed)
        {
            return failed;
        }

        if (ticker is null)
        {
            return TickerHttp.Malformed("not a ticker");
        }

        if (ticker.Timestamp is null)
        {
            return TickerHttp.Price(ticker.Last, exchangeTime: null);
        }

        return long.TryParse(ticker.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? TickerHttp.Price(ticker.Last, DateTimeOffset.FromUnixTimeSeconds(seconds))
            : TickerHttp.Malformed("timestamp is not Unix seconds");
    }

    private sealed record Ticker(
        [property: JsonPropertyName("last")] string? Last,
        [property: JsonPropertyName("timestamp")] string? Timestamp,
        [property: JsonPropertyName("status")] string? Status,
        [property: JsonPropertyName("reason")] string? Reason,
        [property: JsonPropertyName("code")] string? Code);
}
