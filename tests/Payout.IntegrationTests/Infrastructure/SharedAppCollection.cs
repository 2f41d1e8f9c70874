namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// One plain <see cref="PayoutApp"/> for the classes that only ever look at their own customers: none moves the app's fake
/// clock, stops its network, tampers with its rows, rotates a key or reads house balances, gauges, logs or the network
/// float. A host start costs about 0.7 s of CPU, and each of these classes used to start one per database. The classes
/// run one after another (one xunit collection), so none has another's requests in flight while it runs; a class that
/// needs any of the above keeps an app of its own (<c>IClassFixture&lt;PayoutApp&gt;</c> or a subclass).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedAppCollection : ICollectionFixture<PayoutApp>
{
    public const string Name = "Shared app";
}
