namespace Payout.Api.Domain.Rates;

/// <summary>The rate a customer is quoted: fiat per one unit of crypto, after the spread (spec §6).</summary>
public sealed record CustomerRate(string From, string To, decimal Value, decimal MarketValue, DateTimeOffset ObservedAt);
