namespace Payout.Api.Domain.Rates;

/// <summary>
/// One exchange's latest price for a pair (fiat per one unit of crypto), and when it was observed: the
/// exchange's own time when its answer carries one (never later than its arrival), else the arrival time.
/// </summary>
public sealed record ExchangeObservation(string Exchange, decimal Price, DateTimeOffset ObservedAt);
