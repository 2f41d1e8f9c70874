using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Rates;
using Payout.Api.Infrastructure.Observability;

namespace Payout.Api.Features.Rates;

/// <summary>
/// <c>payout.rates.age</c>: the age of the newest rate the rate source has for each quoted pair, asked of the source
/// itself rather than taken from recent quotes, so it says whether the feed is fresh, not whether anyone quoted lately.
/// </summary>
public sealed class RateAgeGauge(
    IRateSource rates, CurrencyCatalog currencies, IOptions<RatesOptions> options, TimeProvider clock, ILogger<RateAgeGauge> logger)
    : IBusinessGauge
{
    private readonly ScrapeCache<IReadOnlyList<Measurement<double>>> ages = new();

    public void Register(Meter meter) =>
        meter.CreateObservableGauge("payout.rates.age", () => ages.Get(Read) ?? [], "s", "Age of the newest rate of each pair, in seconds.");

    private IReadOnlyList<Measurement<double>> Read()
    {
        var now = clock.GetUtcNow();
        var measured = new List<Measurement<double>>();
        foreach (var (from, to) in options.Value.QuotedPairs(currencies))
        {
            try
            {
                var pending = rates.GetAsync(from.Code, to.Code, CancellationToken.None);
                var rate = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
                // A pair without a rate right now still has an age: that of the last rate it had, growing.
                var observedAt = rate?.ObservedAt ?? (rates as IRateSourceDiagnostics)?.LastObservedAt(from.Code, to.Code);
                if (observedAt is { } at)
                {
                    measured.Add(new Measurement<double>(
                        Math.Max(0, (now - at).TotalSeconds),
                        new KeyValuePair<string, object?>("currency_from", from.Code),
                        new KeyValuePair<string, object?>("currency_to", to.Code)));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "Could not read the {From}/{To} rate for the metrics", from.Code, to.Code);
            }
        }

        return measured;
    }
}
