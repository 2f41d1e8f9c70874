using System.Collections.Concurrent;
using System.Reflection;
using Xunit.Sdk;

[assembly: Payout.IntegrationTests.Infrastructure.AppsCheckedAfterEachTest]

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// After every test, each app the test called (through any client it made) must still hold the ledger invariant and
/// have answered only error codes the OpenAPI document lists; otherwise THAT test fails. xunit only prints a class
/// fixture's failing cleanup — it does not fail the run — so the check cannot wait for the class to end.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class AppsCheckedAfterEachTestAttribute : BeforeAfterTestAttribute
{
    // Set in Before, on the test's own flow: the test method and everything it awaits see the same set.
    private static readonly AsyncLocal<ConcurrentDictionary<PayoutApp, bool>?> AppsOfTheTest = new();

    /// <summary>Called by the app for each client the running test makes.</summary>
    internal static void Used(PayoutApp app) => AppsOfTheTest.Value?.TryAdd(app, true);

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
