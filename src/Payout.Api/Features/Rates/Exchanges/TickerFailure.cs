namespace Payout.Api.Features.Rates.Exchanges;

/// <param name="RetryAfter">For <see cref="TickerFailureKind.RateLimited"/>: how long the exchange asked us to wait, when it said.</param>
public sealed record TickerFailure(TickerFailureKind Kind, string Detail, TimeSpan? RetryAfter);
