using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payout.Api.Features.Rates.Exchanges;

namespace Payout.IntegrationTests.Rates;

/// <summary>
/// Kraken, Coinbase, Bitstamp and Binance as one Kestrel server on 127.0.0.1 (a free port), each under its own
/// prefix (<c>/kraken/0/public/Ticker</c> …), serving the recorded answers in <c>Recorded/</c> in its own format.
/// Switches per exchange (and per symbol) make it go down, rate-limit, hang, answer garbage or lie. Times in
/// the answers come from the test's clock, so "fresh" means the same to the fake and the service.
/// </summary>
public sealed class FakeExchanges : IAsyncDisposable
{
    /// <summary>The market the fakes quote around: fiat per one unit (and EUR per USD).</summary>
    public static readonly IReadOnlyDictionary<(string From, string To), decimal> Market = new Dictionary<(string, string), decimal>
    {
        [("BTC", "EUR")] = 86_000m, [("BTC", "USD")] = 93_500m,
        [("ETH", "EUR")] = 3_100m, [("ETH", "USD")] = 3_370m,
        [("LTC", "EUR")] = 92m, [("LTC", "USD")] = 100m,
        [("BCH", "EUR")] = 460m, [("BCH", "USD")] = 500m,
        [("XRP", "EUR")] = 2.05m, [("XRP", "USD")] = 2.23m,
        [("USDT", "EUR")] = 0.92m, [("USDT", "USD")] = 1m,
        [("USDC", "EUR")] = 0.92m, [("USDC", "USD")] = 1m,
        [("DAI", "EUR")] = 0.92m, [("DAI", "USD")] = 1m,
        [("USD", "EUR")] = 0.8m,
    };

    /// <summary>Kraken answers under its own pair names where they differ from the one asked for.</summary>
    private static readonly Dictionary<string, string> KrakenKeys = new(StringComparer.Ordinal)
    {
        ["XBTEUR"] = "XXBTZEUR", ["XBTUSD"] = "XXBTZUSD", ["ETHEUR"] = "XETHZEUR", ["ETHUSD"] = "XETHZUSD",
        ["LTCEUR"] = "XLTCZEUR", ["LTCUSD"] = "XLTCZUSD", ["XRPEUR"] = "XXRPZEUR", ["XRPUSD"] = "XXRPZUSD",
        ["EURUSD"] = "ZEURZUSD", ["USDTUSD"] = "USDTZUSD",
    };

    private static readonly string RecordedFolder = Path.Combine(AppContext.BaseDirectory, "Rates", "Recorded");

    private readonly WebApplication server;
    private readonly TimeProvider clock;
    private Uri root = null!;

    private FakeExchanges(WebApplication server, TimeProvider clock)
    {
        this.server = server;
        this.clock = clock;
    }

    // Honest exchanges differ a little (0 to 0.4 %), so a median is visibly a median.
    public FakeExchange Kraken { get; } = new(ExchangeNames.Kraken, 1.000m);

    public FakeExchange Coinbase { get; } = new(ExchangeNames.Coinbase, 1.001m);

    public FakeExchange Bitstamp { get; } = new(ExchangeNames.Bitstamp, 1.003m);

    public FakeExchange Binance { get; } = new(ExchangeNames.Binance, 1.004m);

    public IReadOnlyList<FakeExchange> All => [Kraken, Coinbase, Bitstamp, Binance];

    public static async Task<FakeExchanges> StartAsync(TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var fakes = new FakeExchanges(builder.Build(), clock);
        fakes.Map();
        await fakes.server.StartAsync();
        var address = fakes.server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fakes.root = new Uri(address + "/");
        return fakes;
    }

    public Uri BaseUrl(string exchange) => new(root, exchange + "/");

    /// <summary>Every exchange the service knows pointed at this server: nothing in a test reaches the internet.</summary>
    public Dictionary<string, string?> Settings() => ExchangeNames.All.ToDictionary(
        name => $"Rates:Exchanges:{char.ToUpperInvariant(name[0])}{name[1..]}:BaseUrl", name => (string?)BaseUrl(name).ToString());

    public void Reset()
    {
        foreach (var exchange in All)
        {
            exchange.Reset();
        }
    }

    /// <summary>What <paramref name="exchange"/> quotes for base/quote right now, or null when it lists no such pair.</summary>
    public static decimal? PriceOf(FakeExchange exchange, string baseCurrency, string quoteCurrency)
    {
        if (Market.TryGetValue((baseCurrency, quoteCurrency), out var price))
        {
            return price * FactorOf(exchange, baseCurrency);
        }

        // Quoted the other way round (EURUSD, EURUSDT): units of the crypto or USD per one EUR.
        return Market.TryGetValue((quoteCurrency, baseCurrency), out var inverse)
            ? Math.Round(1m / (inverse * FactorOf(exchange, quoteCurrency)), 8)
            : null;
    }

    /// <summary>Fiat against fiat is quoted alike everywhere; crypto prices differ per exchange (and lie when told).</summary>
    private static decimal FactorOf(FakeExchange exchange, string currency) =>
        currency == "USD" ? 1m : exchange.HonestFactor * exchange.Lie;

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private void Map()
    {
        server.MapGet("/kraken/0/public/Ticker", (HttpContext context, string? pair) =>
            AnswerAsync(context, Kraken, pair ?? "", SplitAtQuote(pair?.Replace("XBT", "BTC", StringComparison.Ordinal)),
                new Dialect("kraken/ticker.json", HttpStatusCode.OK, "kraken/unknown-pair.json", HttpStatusCode.OK, "kraken/rate-limited.json")));
        server.MapGet("/coinbase/products/{product}/ticker", (HttpContext context, string product) =>
            AnswerAsync(context, Coinbase, product, product.Split('-') is [var b, var q] ? (b, q) : null,
                new Dialect("coinbase/ticker.json", HttpStatusCode.NotFound, "coinbase/not-found.json", HttpStatusCode.TooManyRequests, "coinbase/rate-limited.json")));
        server.MapGet("/bitstamp/api/v2/ticker/{pair}/", (HttpContext context, string pair) =>
            AnswerAsync(context, Bitstamp, pair, SplitAtQuote(pair.ToUpperInvariant()),
                new Dialect("bitstamp/ticker.json", HttpStatusCode.NotFound, "bitstamp/not-found.json", HttpStatusCode.TooManyRequests, "bitstamp/rate-limited.json")));
        server.MapGet("/binance/api/v3/ticker/price", (HttpContext context, string? symbol) =>
            AnswerAsync(context, Binance, symbol ?? "", SplitBinance(symbol),
                new Dialect("binance/ticker-price.json", HttpStatusCode.BadRequest, "binance/invalid-symbol.json", HttpStatusCode.TooManyRequests, "binance/rate-limited.json", SendsRetryAfter: true)));
    }

    private async Task AnswerAsync(HttpContext context, FakeExchange exchange, string symbol, (string Base, string Quote)? pair, Dialect dialect)
    {
        exchange.Counted();
        var behaviour = exchange.BehaviourFor(symbol);
        var price = pair is var (b, q) ? PriceOf(exchange, b, q) : null;
        switch (behaviour)
        {
            case FakeBehaviour.Unreachable:
                context.Abort();
                return;
            case FakeBehaviour.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case FakeBehaviour.ServerError:
                await WriteAsync(context, HttpStatusCode.BadGateway, "text/html", Recorded("cdn-502.html"));
                return;
            case FakeBehaviour.RateLimited:
                if (dialect.SendsRetryAfter)
                {
                    context.Response.Headers.RetryAfter = exchange.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                }

                await WriteAsync(context, dialect.RateLimitStatus, "application/json", Recorded(dialect.RateLimitFile));
                return;
            case FakeBehaviour.UnknownPair:
            case var _ when price is null:
                await WriteAsync(context, dialect.NotFoundStatus, "application/json", Recorded(dialect.NotFoundFile));
                return;
            case FakeBehaviour.OtherPair:
                var ether = symbol.Replace("XBT", "ETH", StringComparison.Ordinal).Replace("BTC", "ETH", StringComparison.OrdinalIgnoreCase);
                await WriteAsync(context, HttpStatusCode.OK, "application/json",
                    Render(Recorded(dialect.TickerFile), exchange, ether, PriceOf(exchange, "ETH", pair!.Value.Quote)!.Value));
                return;
            case FakeBehaviour.Healthy:
            case FakeBehaviour.Malformed:
            case FakeBehaviour.Oversized:
            case FakeBehaviour.NegativePrice:
                var ticker = Render(Recorded(dialect.TickerFile), exchange, symbol, behaviour == FakeBehaviour.NegativePrice ? -price!.Value : price!.Value);
                await WriteAsync(context, HttpStatusCode.OK, "application/json", behaviour switch
                {
                    FakeBehaviour.Malformed => ticker[..(ticker.Length / 2)],
                    FakeBehaviour.Oversized => ticker + new string(' ', 70_000),
                    _ => ticker,
                });
                return;
        }
    }

    private string Render(string template, FakeExchange exchange, string symbol, decimal price)
    {
        var now = clock.GetUtcNow() + exchange.ClockOffset;
        return template
            .Replace("{{price}}", price.ToString("0.00######;-0.00######", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{key}}", KrakenKeys.GetValueOrDefault(symbol, symbol), StringComparison.Ordinal)
            .Replace("{{symbol}}", symbol, StringComparison.Ordinal)
            .Replace("{{time}}", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{timestamp}}", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static string Recorded(string file) => File.ReadAllText(Path.Combine(RecordedFolder, file));

    private static async Task WriteAsync(HttpContext context, HttpStatusCode status, string contentType, string body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    }

    /// <summary>Every symbol we ask Kraken or Bitstamp for ends in a three-letter fiat code.</summary>
    private static (string, string)? SplitAtQuote(string? symbol) =>
        symbol is { Length: > 3 } ? (symbol[..^3], symbol[^3..]) : null;

    /// <summary>BTCEUR is bitcoin in euros; EURUSDT is euros in USDT.</summary>
    private static (string, string)? SplitBinance(string? symbol) => symbol switch
    {
        { Length: > 3 } when symbol.EndsWith("EUR", StringComparison.Ordinal) => (symbol[..^3], "EUR"),
        { Length: > 3 } when symbol.StartsWith("EUR", StringComparison.Ordinal) => ("EUR", symbol[3..]),
        _ => null,
    };

    private sealed record Dialect(
        string TickerFile, HttpStatusCode NotFoundStatus, string NotFoundFile, HttpStatusCode RateLimitStatus, string RateLimitFile,
        bool SendsRetryAfter = false);
}
