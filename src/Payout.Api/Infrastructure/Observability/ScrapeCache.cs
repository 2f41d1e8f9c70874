using System.Diagnostics;

namespace Payout.Api.Infrastructure.Observability;

/// <summary>
/// One gauge value, read by the first scrape after <see cref="RefreshInterval"/>; others wait for it. So several
/// scrapers (or a scrape loop gone wrong) cost at most one read per interval. Gauge callbacks are synchronous,
/// so the reads are too.
/// </summary>
public sealed class ScrapeCache<T>
{
    /// <summary>Real time, not the service clock: this limits database load, and tests freeze the service clock.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

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
