namespace Payout.Api.Domain.Rates;

/// <summary>A market rate: <see cref="Value"/> units of <see cref="To"/> (fiat) per one unit of <see cref="From"/> (crypto).</summary>
public sealed record MarketRate(string From, string To, decimal Value, DateTimeOffset ObservedAt);
