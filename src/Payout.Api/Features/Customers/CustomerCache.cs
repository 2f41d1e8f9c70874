using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace Payout.Api.Features.Customers;

/// <summary>
/// Per process, the customers that signed-in requests named in the last <c>Auth:CustomerCacheSeconds</c>, so a
/// request needs no database read to authenticate. A change made in this process (sign-out, a reused refresh
/// token, a KYC change) removes the entry at once; one made in another process takes effect here within the TTL.
/// Money rules never use it: execute reads the KYC level from the customer row it locks.
/// </summary>
public sealed class CustomerCache : IDisposable
{
    private readonly MemoryCache entries;
    private readonly TimeSpan timeToLive;
    private long invalidations;

    /// <param name="timeToLive">Zero turns the cache off: every request reads the database.</param>
    public CustomerCache(TimeSpan timeToLive, TimeProvider clock)
    {
        this.timeToLive = timeToLive;
        entries = new MemoryCache(new MemoryCacheOptions { Clock = new ServiceClock(clock) });
    }

    /// <summary>The cached customer, if this process has it: what a request checks before it needs the database at all.</summary>
    public bool TryGet(long customerId, out CustomerCredentials? customer) => entries.TryGetValue(customerId, out customer);

    /// <summary>The cached customer, else <paramref name="load"/>'s (cached unless an invalidation happened meanwhile).</summary>
    public async Task<CustomerCredentials?> GetAsync(
        long customerId, Func<long, CancellationToken, Task<CustomerCredentials?>> load, CancellationToken cancellationToken)
    {
        if (entries.TryGetValue(customerId, out CustomerCredentials? cached))
        {
            return cached;
        }

        // An invalidation between our read and our write must win: the row we read may predate it.
        var before = Interlocked.Read(ref invalidations);
        var loaded = await load(customerId, cancellationToken);
        if (loaded is not null && timeToLive > TimeSpan.Zero && Interlocked.Read(ref invalidations) == before)
        {
            entries.Set(customerId, loaded, timeToLive);
            if (Interlocked.Read(ref invalidations) != before)
            {
                entries.Remove(customerId);
            }
        }

        return loaded;
    }

    /// <summary>Call after the change committed.</summary>
    public void Invalidate(long customerId)
    {
        Interlocked.Increment(ref invalidations);
        entries.Remove(customerId);
    }

    public void Dispose() => entries.Dispose();

    /// <summary>Expiry follows the service's clock, like every other time rule.</summary>
    private sealed class ServiceClock(TimeProvider clock) : ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
