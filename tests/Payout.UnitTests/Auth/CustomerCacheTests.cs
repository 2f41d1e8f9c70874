using Payout.Api.Domain;
using Payout.Api.Features.Customers;
using Payout.UnitTests.Support;

namespace Payout.UnitTests.Auth;

public sealed class CustomerCacheTests : IDisposable
{
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly CustomerCache cache;
    private KycLevel level = KycLevel.KYC_1;
    private int loads;

    public CustomerCacheTests() => cache = Cache(seconds: 5);

    public void Dispose() => cache.Dispose();

    [Fact]
    public async Task A_customer_is_read_once_within_the_time_to_live()
    {
        await GetAsync();
        level = KycLevel.NONE;

        Assert.Equal(KycLevel.KYC_1, (await GetAsync())!.KycLevel);
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task After_the_time_to_live_the_customer_is_read_again()
    {
        await GetAsync();
        level = KycLevel.NONE;
        clock.Now += TimeSpan.FromSeconds(5);

        Assert.Equal(KycLevel.NONE, (await GetAsync())!.KycLevel);
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task An_invalidated_customer_is_read_again_at_once()
    {
        await GetAsync();
        level = KycLevel.NONE;
        cache.Invalidate(7);

        Assert.Equal(KycLevel.NONE, (await GetAsync())!.KycLevel);
    }

    [Fact]
    public async Task A_row_read_before_an_invalidation_is_not_kept()
    {
        // The load saw the old row; the change committed and invalidated while the load was on its way back.
        await cache.GetAsync(7, (id, _) =>
        {
            cache.Invalidate(id);
            return Task.FromResult<CustomerCredentials?>(Credentials(id));
        }, CancellationToken.None);

        await GetAsync();
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task A_time_to_live_of_zero_reads_every_time()
    {
        using var uncached = Cache(seconds: 0);

        await uncached.GetAsync(7, LoadAsync, CancellationToken.None);
        await uncached.GetAsync(7, LoadAsync, CancellationToken.None);

        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task An_unknown_customer_is_not_cached()
    {
        var calls = 0;
        Task<CustomerCredentials?> Missing(long id, CancellationToken ct)
        {
            calls++;
            return Task.FromResult<CustomerCredentials?>(null);
        }

        Assert.Null(await cache.GetAsync(8, Missing, CancellationToken.None));
        Assert.Null(await cache.GetAsync(8, Missing, CancellationToken.None));
        Assert.Equal(2, calls);
    }

    private CustomerCache Cache(int seconds) => new(TimeSpan.FromSeconds(seconds), clock);

    private Task<CustomerCredentials?> GetAsync() => cache.GetAsync(7, LoadAsync, CancellationToken.None);

    private Task<CustomerCredentials?> LoadAsync(long id, CancellationToken cancellationToken)
    {
        loads++;
        return Task.FromResult<CustomerCredentials?>(Credentials(id));
    }

    private CustomerCredentials Credentials(long id) => new(id, Guid.Empty, level, TokenGeneration: 3);
}
