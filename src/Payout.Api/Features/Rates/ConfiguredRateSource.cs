using Microsoft.Extensions.Options;
using Payout.Api.Domain.Rates;

namespace Payout.Api.Features.Rates;

/// <summary>
/// Serves the rates from <c>Rates:Market</c>. A static figure has no observation time of its own, so it is
/// stamped as observed now (spec §6: "the static configured source stamps its rates as fresh").
/// </summary>
public sealed class ConfiguredRateSource(IOptions<RatesOptions> options, TimeProvider time) : IRateSource
{
    public ValueTask<MarketRate?> GetAsync(string from, string to, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var value = options.Value.MarketRateFor(from, to);
        var rate = value is null ? null : new MarketRate(from, to, value.Value, time.GetUtcNow());
        return ValueTask.FromResult(rate);
    }
}
