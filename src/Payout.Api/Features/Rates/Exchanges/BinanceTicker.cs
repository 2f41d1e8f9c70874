using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;

namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>
/// Binance: <c>GET /api/v3/ticker/price?symbol=BTCEUR</c> → <c>{"symbol":"BTCEUR","price":"86000.01000000"}</c>
/// (no time: stamped on arrival). Errors are <c>{"code":-1121,"msg":"Invalid symbol."}</c> with a 4xx; a rate limit
/// is 429 (then 418, a ban, for clients that ignore it), both with <c>Retry-After</c>.
/// </summary>
public sealed class BinanceTicker(IHttpClientFactory clients) : IExchangeTicker
{
    /// <summary>
    /// Binance has no USD books (its USDT books are not USD: a stablecoin is not the fiat it tracks), so it quotes
    /// only EUR pairs. It quotes stablecoins against the euro the other way round (EURUSDT: USDT per EUR), hence
    /// inverted. No DAI book.
    /// </summary>
    private static readonly Dictionary<(string From, string To), ExchangeSymbol> Symbols = new()
    {
        [("BTC", "EUR")] = new("BTCEUR"),
        [("ETH", "EUR")] = new("ETHEUR"),
        [("LTC", "EUR")] = new("LTCEUR"),
        [("BCH", "EUR")] = new("BCHEUR"),
        [("XRP", "EUR")] = new("XRPEUR"),
        [("USDT", "EUR")] = new("EURUSDT", Inverted: true),
        [("USDC", "EUR")] = new("EURUSDC", Inverted: true),
    };

    public string Name => ExchangeNames.Binance;

    public ExchangeSymbol? SymbolFor(string from, string to) => Symbols.GetValueOrDefault((from, to));

    public Task<TickerAnswer> FetchAsync(ExchangeSymbol symbol, CancellationToken cancellationToken) =>
        TickerHttp.GetAsync(
            clients.CreateClient(TickerHttp.ClientName(Name)),
            "api/v3/ticker/price?symbol=" + Uri.EscapeDataString(symbol.Symbol),
            (status, body) => Interpret(symbol, status, body),
            cancellationToken);

    private static TickerAnswer Interpret(ExchangeSymbol symbol, HttpStatusCode status, string body)
    {
        var price = TickerHttp.TryRead<Price>(body);
        if (price is { Code: { } code })
        {
            return TickerAnswer.Failed(TickerFailureKind.ExchangeError, string.Create(CultureInfo.InvariantCulture, $"{code} {price.Msg}"));
        }

        if (TickerHttp.FailedStatus(status) is { } failed)
        {
            return failed;
        }

        if (price is null)
        {
            return TickerHttp.Malformed("not a price");
        }

        return price.Symbol == symbol.Symbol
            ? TickerHttp.Price(price.Value, exchangeTime: null)
            : TickerHttp.Malformed("answer for another symbol");
    }

    private sealed record Price(
        [property: JsonPropertyName("symbol")] string? Symbol,
        [property: JsonPropertyName("price")] string? Value,
        [property: JsonPropertyName("code")] int? Code,
        [property: JsonPropertyName("msg")] string? Msg);
}
