using System.Net;
using System.Text.Json.Serialization;

namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>
/// Coinbase Exchange: <c>GET /products/BTC-EUR/ticker</c> →
/// <c>{"ask":"…","bid":"…","volume":"…","trade_id":…,"price":"86000.12","size":"…","time":"2026-11-23T12:00:00.123456Z"}</c>.
/// <c>time</c> is the last trade's: the observation carries it (a quiet book's price is as old as its last
/// trade). Errors are <c>{"message":"NotFound"}</c> with a 4xx, a rate limit 429 <c>{"message":"Public rate limit exceeded"}</c>.
/// Requests without a User-Agent are refused; the client sends one.
/// </summary>
public sealed class CoinbaseTicker(IHttpClientFactory clients) : IExchangeTicker
{
    /// <summary>
    /// Products are BASE-QUOTE. Coinbase has no USDC-USD book (it converts USD and USDC one to one), no DAI book
    /// and no fiat-to-fiat book, so those pairs are left to the others.
    /// </summary>
    private static readonly Dictionary<(string From, string To), ExchangeSymbol> Symbols = new()
    {
        [("BTC", "EUR")] = new("BTC-EUR"),
        [("BTC", "USD")] = new("BTC-USD"),
        [("ETH", "EUR")] = new("ETH-EUR"),
        [("ETH", "USD")] = new("ETH-USD"),
        [("LTC", "EUR")] = new("LTC-EUR"),
        [("LTC", "USD")] = new("LTC-USD"),
        [("BCH", "EUR")] = new("BCH-EUR"),
        [("BCH", "USD")] = new("BCH-USD"),
        [("XRP", "EUR")] = new("XRP-EUR"),
        [("XRP", "USD")] = new("XRP-USD"),
        [("USDT", "EUR")] = new("USDT-EUR"),
        [("USDT", "USD")] = new("USDT-USD"),
        [("USDC", "EUR")] = new("USDC-EUR"),
    };

    public string Name => ExchangeNames.Coinbase;

    public ExchangeSymbol? SymbolFor(string from, string to) => Symbols.GetValueOrDefault((from, to));

    public Task<TickerAnswer> FetchAsync(ExchangeSymbol symbol, CancellationToken cancellationToken) =>
        TickerHttp.GetAsync(
            clients.CreateClient(TickerHttp.ClientName(Name)),
            "products/" + Uri.EscapeDataString(symbol.Symbol) + "/ticker",
            Interpret,
            cancellationToken);

    private static TickerAnswer Interpret(HttpStatusCode status, string body)
    {
        var ticker = TickerHttp.TryRead<Ticker>(body);
        if (ticker is { Message: { } message, Price: null })
        {
            return TickerAnswer.Failed(TickerFailureKind.ExchangeError, message);
        }

        if (TickerHttp.FailedStatus(status) is { } failed)
        {
            return failed;
        }

        return ticker is null ? TickerHttp.Malformed("not a ticker") : TickerHttp.Price(ticker.Price, ticker.Time);
    }

    private sealed record Ticker(
        [property: JsonPropertyName("price")] string? Price,
        [property: JsonPropertyName("time")] DateTimeOffset? Time,
        [property: JsonPropertyName("message")] string? Message);
}
