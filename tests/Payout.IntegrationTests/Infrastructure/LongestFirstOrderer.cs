using Xunit.Abstractions;

[assembly: TestCollectionOrderer(
    "Payout.IntegrationTests.Infrastructure.LongestFirstOrderer", "Payout.IntegrationTests")]

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// Starts the longest test classes first, so the parallel run does not end with one long class running alone
/// (longest-first keeps the finishing times of the runner's threads close). The list is the slowest classes of a
/// run's TRX file (and the shared app's collection, whose classes run one after another); the rest keep xunit's order.
/// Only the order changes: every class still runs.
/// </summary>
public sealed class LongestFirstOrderer : ITestCollectionOrderer
{
    private static readonly string[] Longest =
    [
        "CrashSafetyTests", "HostileInputTests", SharedAppCollection.Name, SharedClockAppCollection.Name, "OwaspApiTop10Tests",
        "ReconciliationTests", "SharedDispatchTests", "PayoutOperationsTests", "ExecuteConcurrencyTests",
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank).ToList();

    private static int Rank(ITestCollection collection)
    {
        var index = Array.FindIndex(Longest, name => collection.DisplayName == name || collection.DisplayName.EndsWith("." + name, StringComparison.Ordinal));
        return index < 0 ? Longest.Length : index;
    }
}
