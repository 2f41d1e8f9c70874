using System.Diagnostics.Metrics;
using Payout.Api.Infrastructure.Observability;

namespace Payout.Api.Features.Payouts;

/// <summary><c>payout.payouts.in_flight</c>: payouts still PENDING, counted in the database when a scrape asks.</summary>
public sealed class PayoutsInFlightGauge(IServiceScopeFactory scopes, ILogger<PayoutsInFlightGauge> logger) : IBusinessGauge
{
    private readonly ScrapeCache<long?> inFlight = new();

    public void Register(Meter meter) =>
        meter.CreateObservableGauge(
            "payout.payouts.in_flight",
            () => inFlight.Get(CountPending) is { } count ? [new Measurement<long>(count)] : Array.Empty<Measurement<long>>(),
            "{payout}",
            "Payouts still PENDING (read at most every few seconds).");

    private long? CountPending()
    {
        try
        {
            using var scope = scopes.CreateScope();
            // The scrape's callback is synchronous; the query is not (a multiplexed connection runs no synchronous command).
            return scope.ServiceProvider.GetRequiredService<PayoutStore>().CountPendingAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Could not count the payouts in flight for the metrics");
            return null;
        }
    }
}
