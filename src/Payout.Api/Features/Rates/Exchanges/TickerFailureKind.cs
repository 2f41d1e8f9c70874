namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>Why a ticker request gave no price; the <c>kind</c> label of <c>payout_rates_exchange_errors_total</c>.</summary>
public enum TickerFailureKind
{
    /// <summary>No answer within <c>Rates:Exchanges:RequestTimeoutMilliseconds</c>.</summary>
    Timeout,

    /// <summary>No HTTP answer at all: connection refused or dropped, name not resolved, TLS failed.</summary>
    Unreachable,

    /// <summary>A non-success HTTP status without an error body of the exchange's own (e.g. a proxy's 502 page).</summary>
    HttpStatus,

    /// <summary>The exchange asked us to slow down (429, 418, or its own "too many requests" error).</summary>
    RateLimited,

    /// <summary>An answer that is not the ticker JSON we expect (broken JSON, missing or non-positive price).</summary>
    Malformed,

    /// <summary>The exchange answered with its own error body (unknown pair, service unavailable, …).</summary>
    ExchangeError,

    /// <summary>Not sent: most recent requests to this exchange failed and its circuit breaker is open.</summary>
    CircuitOpen,
}
