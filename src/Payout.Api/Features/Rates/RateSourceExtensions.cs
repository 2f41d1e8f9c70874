using Payout.Api.Domain.Rates;

namespace Payout.Api.Features.Rates;

/// <summary>The customer's rate straight from a rate source: the one read every quote makes.</summary>
public static class RateSourceExtensions
{
    /// <summary>Reads the pair from <paramref name="source"/> and applies <see cref="CustomerRates.FromMarket"/>; null → 503 RATE_UNAVAILABLE.</summary>
    public static async ValueTask<CustomerRate?> GetCustomerRateAsync(
        this IRateSource source, string from, string to, decimal spread, TimeSpan maxAge, DateTimeOffset now, CancellationToken ct)
    {
        var market = await source.GetAsync(from, to, ct);
        return market is null ? null : CustomerRates.FromMarket(market, spread, maxAge, now);
    }
}
