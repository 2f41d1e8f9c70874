using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Money;
using Payout.Api.Features.Payouts;
using Payout.Api.Features.Rates;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Infrastructure.Observability;

/// <summary>
/// The values behind the observable gauges, read when a scrape asks for them and kept for a few seconds, so
/// several scrapers (or a scrape loop gone wrong) cost at most one query per interval. Gauge callbacks are
/// synchronous, so these reads are too. A read that fails reports nothing (the series goes absent) rather
/// than a made-up zero.
/// </summary>
public sealed class BusinessGauges(
    IServiceScopeFactory scopes,
    IRateSource rates,
    CurrencyCatalog currencies,
    IOptions<RatesOptions> rateOptions,
    TimeProvider clock,
    ILogger<BusinessGauges> logger)
{
    /// <summary>Real time, not the service clock: this limits database load, and tests freeze the service clock.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private readonly Cached<long?> inFlight = new();
    private readonly Cached<IReadOnlyList<Measurement<double>>> rateAges = new();

    public IEnumerable<Measurement<long>> PayoutsInFlight() =>
        inFlight.Get(CountPendingPayouts) is { } count ? [new Measurement<long>(count)] : [];

    public IEnumerable<Measurement<double>> RateAges() => rateAges.Get(ReadRateAges) ?? [];

    private long? CountPendingPayouts()
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PayoutDbContext>();
            return db.PayoutOperations.AsNoTracking().LongCount(p => p.Status == PayoutStatus.PENDING);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Could not count the payouts in flight for the metrics");
            return null;
        }
    }

    private IReadOnlyList<Measurement<double>> ReadRateAges()
    {
        var now = clock.GetUtcNow();
        var ages = new List<Measurement<double>>();
        foreach (var (from, to) in RatePairs.Configured(currencies, rateOptions.Value))
        {
            try
            {
                var pending = rates.GetAsync(from, to, CancellationToken.None);
                var rate = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
                // A pair without a rate right now still has an age: that of the last rate it had, growing.
                var observedAt = rate?.ObservedAt ?? (rates as IRateSourceDiagnostics)?.LastObservedAt(from, to);
                if (observedAt is { } at)
                {
                    ages.Add(new Measurement<double>(
                        Math.Max(0, (now - at).TotalSeconds),
                        new KeyValuePair<string, object?>("currency_from", from),
                        new KeyValuePair<string, object?>("currency_to", to)));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "Could not read the {From}/{To} rate for the metrics", from, to);
            }
        }

        return ages;
    }

    /// <summary>One value, refreshed by the first caller after <see cref="RefreshInterval"/>; others wait for it.</summary>
    private sealed class Cached<T>
    {
        private readonly Lock gate = new();
        private long readAt;
        private bool hasValue;
        private T? value;

        public T? Get(Func<T> read)
        {
            lock (gate)
            {
                if (!hasValue || Stopwatch.GetElapsedTime(readAt) >= RefreshInterval)
                {
                    value = read();
                    readAt = Stopwatch.GetTimestamp();
                    hasValue = true;
                }

                return value;
            }
        }
    }
}
