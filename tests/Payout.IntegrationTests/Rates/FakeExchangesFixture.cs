using Microsoft.Extensions.Time.Testing;

namespace Payout.IntegrationTests.Rates;

/// <summary>The fake exchanges and the clock their answers are stamped with, shared by one test class.</summary>
public sealed class FakeExchangesFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public FakeExchanges Exchanges { get; private set; } = null!;

    public async Task InitializeAsync() => Exchanges = await FakeExchanges.StartAsync(Clock);

    public async Task DisposeAsync() => await Exchanges.DisposeAsync();
}
