namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// One plain <see cref="PayoutApp"/> for the classes that move its fake clock forward but otherwise only ever look at
/// their own customers: none stops its network, tampers with its rows, rotates a key, starts a second app on its
/// database or reads house balances, gauges, logs, the network float or a count over every customer. The classes run one
/// after another (one xunit collection), so a clock moved by one test never lands in another's requests, and the clock
/// only moves forward: what an earlier class left behind (a pending payout, an expired offer) belongs to its customers
/// alone. Kept apart from <see cref="SharedAppCollection"/>, whose classes count on a clock that stands still.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedClockAppCollection : ICollectionFixture<PayoutApp>
{
    public const string Name = "Shared app, clock moved";
}
