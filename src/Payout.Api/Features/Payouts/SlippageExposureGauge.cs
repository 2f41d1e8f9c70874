using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Pricing;
using Payout.Api.Infrastructure.Observability;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// <c>payout.slippage.exposure</c> [<c>payout_slippage_exposure_eur</c>]: what the slippage band cost the house over the cap's
/// window (<c>Slippage:ExposureWindowHours</c>), in EUR — the figure <c>Slippage:MaxExposureEur</c> caps — read from the
/// database when a scrape asks, at most every few seconds.
/// </summary>
public sealed class SlippageExposureGauge(
    IServiceScopeFactory scopes, IOptions<SlippageOptions> options, TimeProvider clock, ILogger<SlippageExposureGauge> logger) : IBusinessGauge
{
    private readonly ScrapeCache<double?> exposure = new();

    public void Register(Meter meter) =>
        meter.CreateObservableGauge(
            "payout.slippage.exposure",
            () => exposure.Get(Read) is { } eur ? [new Measurement<double>(eur)] : Array.Empty<Measurement<double>>(),
            "EUR",
            "What the slippage band cost the house over the cap's window: the locked rate's payout minus the market's.");

    private double? Read()
    {
        try
        {
            using var scope = scopes.CreateScope();
            var since = clock.GetUtcNow() - options.Value.ExposureWindow;
            var taken = scope.ServiceProvider.GetRequiredService<SlippageExposure>().TakenSinceAsync(since, CancellationToken.None).GetAwaiter().GetResult();
            // A metric, not money: exported as the double every metrics backend takes.
            return (double)taken;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Could not read the slippage band's exposure for the metrics");
            return null;
        }
    }
}
