using System.Net;
using System.Net.Sockets;
using Payout.Api.Features.Rates.Exchanges;

namespace Payout.IntegrationTests.Rates;

/// <summary>
/// Each exchange's client, through its real HTTP client and resilience pipeline, against the fake exchange
/// serving that exchange's recorded answers: prices, times, error bodies, rate limits, timeouts, garbage.
/// </summary>
public sealed class ExchangeTickerTests(FakeExchangesFixture fakes) : IClassFixture<FakeExchangesFixture>
{
    public static TheoryData<string> Exchanges => [.. ExchangeNames.All];

    [Theory]
    [InlineData(ExchangeNames.Kraken, "86000")]
    [InlineData(ExchangeNames.Coinbase, "86086")]
    [InlineData(ExchangeNames.Bitstamp, "86258")]
    [InlineData(ExchangeNames.Binance, "86344")]
    public async Task The_recorded_ticker_is_read_as_its_exact_decimal_price(string exchange, string price)
    {
        using var rig = new RatesRig(fakes);

        var answer = await rig.FetchAsync(exchange);

        Assert.True(answer.IsQuoted, answer.Failure?.ToString());
        Assert.Equal(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), answer.Price);
    }

    [Theory]
    // Coinbase sends its last trade's time, Bitstamp its ticker's Unix seconds; Kraken and Binance send none.
    [InlineData(ExchangeNames.Kraken, false)]
    [InlineData(ExchangeNames.Coinbase, true)]
    [InlineData(ExchangeNames.Bitstamp, true)]
    [InlineData(ExchangeNames.Binance, false)]
    public async Task The_exchanges_own_time_is_read_when_it_sends_one(string exchange, bool sendsTime)
    {
        using var rig = new RatesRig(fakes);

        var answer = await rig.FetchAsync(exchange);

        Assert.Equal(sendsTime ? rig.Clock.GetUtcNow() : null, answer.ExchangeTime);
    }

    [Theory]
    [InlineData(ExchangeNames.Kraken, "EQuery:Unknown asset pair")]
    [InlineData(ExchangeNames.Coinbase, "NotFound")]
    [InlineData(ExchangeNames.Bitstamp, "Currency pair not found. (API0010)")]
    [InlineData(ExchangeNames.Binance, "-1121 Invalid symbol.")]
    public async Task An_unknown_pair_is_the_exchanges_own_error(string exchange, string detail)
    {
        using var rig = new RatesRig(fakes);
        Fake(exchange).Behaviour = FakeBehaviour.UnknownPair;

        var answer = await rig.FetchAsync(exchange);

        Assert.Equal(new TickerFailure(TickerFailureKind.ExchangeError, detail, null), answer.Failure);
    }

    [Theory]
    // Kraken answers 200 with EGeneral:Too many requests; the others 429; only Binance says how long to wait.
    [InlineData(ExchangeNames.Kraken, null)]
    [InlineData(ExchangeNames.Coinbase, null)]
    [InlineData(ExchangeNames.Bitstamp, null)]
    [InlineData(ExchangeNames.Binance, 45)]
    public async Task A_rate_limit_answer_is_rate_limited_with_its_retry_after(string exchange, int? retryAfterSeconds)
    {
        using var rig = new RatesRig(fakes);
        Fake(exchange).Behaviour = FakeBehaviour.RateLimited;
        Fake(exchange).RetryAfterSeconds = 45;

        var answer = await rig.FetchAsync(exchange);

        Assert.Equal(TickerFailureKind.RateLimited, answer.Failure?.Kind);
        Assert.Equal(retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null, answer.Failure!.RetryAfter);
    }

    [Theory]
    [MemberData(nameof(Exchanges))]
    public async Task An_exchange_that_does_not_answer_in_time_is_a_timeout(string exchange)
    {
        using var rig = new RatesRig(fakes, new Dictionary<string, string?> { ["Rates:Exchanges:RequestTimeoutMilliseconds"] = "300" });
        Fake(exchange).Behaviour = FakeBehaviour.Hang;

        var answer = await rig.FetchAsync(exchange);

        Assert.Equal(TickerFailureKind.Timeout, answer.Failure?.Kind);
    }

    [Theory]
    [MemberData(nameof(Exchanges))]
    public async Task A_ticker_cut_off_half_way_is_malformed(string exchange)
    {
        using var rig = new RatesRig(fakes);
        Fake(exchange).Behaviour = FakeBehaviour.Malformed;

        var answer = await rig.FetchAsync(exchange);

        Assert.Equal(TickerFailureKind.Malformed, answer.Failure?.Kind);
    }

    [Theory]
    [MemberData(nameof(Exchanges))]
    public async Task A_CDN_error_page_is_an_http_status_failure(string exchange)
    {
        using var rig = new RatesRig(fakes);
        Fake(exchange).Behaviour = FakeBehaviour.ServerError;

        var answer = await rig.FetchAsync(exchange);

        Assert.Equal(new TickerFailure(TickerFailureKind.HttpStatus, "HTTP 502", null), answer.Failure);
    }

    [Theory]
    [MemberData(nameof(Exchanges))]
    public async Task A_dropped_connection_is_unreachable(string exchange)
    {
        using var rig = new RatesRig(fakes);
        Fake(exchange).Behaviour = FakeBehaviour.Unreachable;

        var answer = await rig.FetchAsync(exchange);

        Assert.Equal(TickerFailureKind.Unreachable, answer.Failure?.Kind);
    }

    [Fact]
    public async Task An_exchange_nobody_listens_on_is_unreachable()
    {
        using var rig = new RatesRig(fakes, new Dictionary<string, string?> { ["Rates:Exchanges:Kraken:BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}/" });

        var answer = await rig.FetchAsync(ExchangeNames.Kraken);

        Assert.Equal(TickerFailureKind.Unreachable, answer.Failure?.Kind);
    }

    private FakeExchange Fake(string exchange) => fakes.Exchanges.All.Single(e => e.Name == exchange);

    /// <summary>A loopback port that was free a moment ago and has no listener now.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
