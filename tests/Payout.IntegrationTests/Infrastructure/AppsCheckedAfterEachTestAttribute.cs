using System.Collections.Concurrent;
using System.Reflection;
using Xunit.Sdk;

[assembly: Payout.IntegrationTests.Infrastructure.AppsCheckedAfterEachTest]

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// After every test, each app the test called (through any client or page it made) must still hold the ledger invariant
/// and, for the integration tests' apps, have answered only error codes the OpenAPI document lists; otherwise THAT test
/// fails. Linked into the browser tests too. xunit only prints a class
/// fixture's failing cleanup — it does not fail the run — so the check cannot wait for the class to end.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class AppsCheckedAfterEachTestAttribute : BeforeAfterTestAttribute
{
    // Set in Before, on the test's own flow: the test method and everything it awaits see the same set.
    private static readonly AsyncLocal<ConcurrentDictionary<ICheckedAfterEachTest, bool>?> AppsOfTheTest = new();

    /// <summary>Called by the app for each client (or page) the running test makes.</summary>
    public static void Used(ICheckedAfterEachTest app) => AppsOfTheTest.Value?.TryAdd(app, true);

    public override void Before(MethodInfo methodUnderTest) => AppsOfTheTest.Value = new();

    public override void After(MethodInfo methodUnderTest)
    {
        var apps = AppsOfTheTest.Value?.Keys ?? [];
        AppsOfTheTest.Value = null;
        foreach (var app in apps)
        {
            // The runner waits here synchronously; the check runs off its synchronization context.
            Task.Run(app.AssertStillSoundAsync).GetAwaiter().GetResult();
        }
    }
}
