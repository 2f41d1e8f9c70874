using Payout.Soak;
using Xunit.Abstractions;

namespace Payout.SoakTests;

/// <summary>
/// The 20-second bank test under faults (scripts/soak.sh runs the 10-minute one): API processes on a PostgreSQL cluster
/// of its own — stopped with <c>pg_ctl -m immediate</c> — so it runs once, on PostgreSQL only, whatever the suite's database.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Twenty_seconds_of_kills_and_a_database_crash_lose_nothing_and_pay_nothing_twice()
    {
        var options = new SoakOptions
        {
            Seconds = 20,
            Apis = 2,
            Clients = 32,
            // Paced (about 300 payouts instead of 850 on a quiet machine): the kills and the crash still meet payouts in
            // flight, and the suite's other lanes keep their CPU. scripts/soak.sh runs the closed loop.
            PauseMilliseconds = 1_000,
            Kills = 2,
            DatabaseRestarts = 1,
            Configuration = BuildConfiguration(),
            RepositoryRoot = RepositoryRoot.Find(AppContext.BaseDirectory),
        };

        var result = await SoakRun.RunAsync(options, output.WriteLine);

        output.WriteLine(result.Line);
        Assert.True(result.Violations.Count == 0, result.Line + "\n" + string.Join("\n", result.ViolationSummary));
        Assert.True(result.Kills >= 2 && result.DatabaseRestarts >= 1, result.Line);
        Assert.True(result.Success > 0 && result.Failed > 0, "Both outcomes should occur: " + result.Line);
    }

    /// <summary>The configuration this test was built in (bin/Release/net10.0): the API and the sandbox are run from the same.</summary>
    private static string BuildConfiguration() =>
        Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!);
}
