using Payout.Api.Domain.Money;

namespace Payout.Api.Domain.Rates;

public static class CustomerRates
{
    /// <summary>Customer rates carry 8 decimals, like the crypto amounts they multiply.</summary>
    public const int Scale = 8;

    /// <summary>market × (1 − spread), rounded down: the customer receives, so the house keeps the remainder.</summary>
    public static decimal ApplySpread(decimal marketRate, decimal spread) =>
        Rounding.Down(marketRate * (1 - spread), Scale);

    /// <summary>
    /// True while the rate is at most <paramref name="maxAge"/> old at <paramref name="now"/> (exactly maxAge is
    /// still fresh). A rate stamped slightly after <paramref name="now"/> (the caller read the clock first) is fresh.
    /// </summary>
    public static bool IsFresh(MarketRate rate, TimeSpan maxAge, DateTimeOffset now) => now - rate.ObservedAt <= maxAge;

    /// <summary>
    /// The customer's rate, or null when the market rate is unusable: too old, or so small that nothing is left
    /// after the spread and rounding (a zero rate would divide by zero in every bound). Null → 503 RATE_UNAVAILABLE.
    /// </summary>
    public static CustomerRate? FromMarket(MarketRate market, decimal spread, TimeSpan maxAge, DateTimeOffset now)
    {
        if (!IsFresh(market, maxAge, now))
        {
            return null;
        }

        var value = ApplySpread(market.Value, spread);
        return value > 0 ? new CustomerRate(market.From, market.To, value, market.Value, market.ObservedAt) : null;
    }
}
