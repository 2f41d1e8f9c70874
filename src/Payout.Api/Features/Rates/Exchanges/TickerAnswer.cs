namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>
/// What one ticker request gave: a price with the exchange's own time when it sends one, or why there is none.
/// Expected failures are values; the poller counts them per exchange and kind.
/// </summary>
public sealed record TickerAnswer(decimal Price, DateTimeOffset? ExchangeTime, TickerFailure? Failure)
{
    public bool IsQuoted => Failure is null;

    public static TickerAnswer Quoted(decimal price, DateTimeOffset? exchangeTime = null) => new(price, exchangeTime, null);

    public static TickerAnswer Failed(TickerFailureKind kind, string detail, TimeSpan? retryAfter = null) =>
        new(0m, null, new TickerFailure(kind, detail, retryAfter));
}
