namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>
/// <c>Rates:Exchanges</c>: how the exchanges are polled. Used only when <c>Rates:Source=Exchanges</c>; the real
/// public addresses below are defaults for that case and are never called by the embedded default.
/// </summary>
public sealed class ExchangesOptions
{
    /// <summary>How often every pair is asked of every enabled exchange (on the service's clock).</summary>
    public int PollIntervalSeconds { get; set; } = 10;

    /// <summary>One HTTP attempt to an exchange; a slower answer counts as a timeout.</summary>
    public int RequestTimeoutMilliseconds { get; set; } = 5_000;

    /// <summary>Ticker requests in flight at once, over all exchanges.</summary>
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>How long an exchange is left alone once most of its recent requests failed (circuit breaker).</summary>
    public int BreakSeconds { get; set; } = 30;

    public ExchangeEndpointOptions Kraken { get; set; } = new() { BaseUrl = "https://api.kraken.com/" };

    public ExchangeEndpointOptions Coinbase { get; set; } = new() { BaseUrl = "https://api.exchange.coinbase.com/" };

    public ExchangeEndpointOptions Bitstamp { get; set; } = new() { BaseUrl = "https://www.bitstamp.net/" };

    public ExchangeEndpointOptions Binance { get; set; } = new() { BaseUrl = "https://api.binance.com/" };

    /// <summary>Every exchange by its name (the metric label and the configuration key, lower-cased).</summary>
    public IReadOnlyDictionary<string, ExchangeEndpointOptions> ByName => new Dictionary<string, ExchangeEndpointOptions>
    {
        [ExchangeNames.Kraken] = Kraken,
        [ExchangeNames.Coinbase] = Coinbase,
        [ExchangeNames.Bitstamp] = Bitstamp,
        [ExchangeNames.Binance] = Binance,
    };
}
