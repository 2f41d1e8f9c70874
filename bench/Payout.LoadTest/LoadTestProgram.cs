using Payout.LoadTest.Seeding;

namespace Payout.LoadTest;

/// <summary>
/// <c>run</c>: the same-run load test (settings from LOADTEST_* variables, see scripts/loadtest.sh).
/// <c>seed</c>: fills a migrated database with customers and payout history by bulk insert.
/// </summary>
internal static class LoadTestProgram
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            switch (args)
            {
                case ["run", ..]:
                    return await LoadTestRun.RunAsync(LoadTestSettings.FromEnvironment(), cancellation.Token);
                case ["seed", .. var rest]:
                    var options = SeedOptions.Parse(rest);
                    var summary = await Seeder.SeedAsync(options, Console.Out, cancellation.Token);
                    Console.WriteLine(summary.LedgerHolds
                        ? $"Seeded {summary.Rows:N0} rows in {summary.Seconds} s; the ledger invariant holds."
                        : $"Seeded {summary.Rows:N0} rows, but the ledger invariant does not hold: {string.Join("; ", summary.LedgerViolations)}");
                    return summary.LedgerHolds ? 0 : 1;
                default:
                    Console.Error.WriteLine("usage: Payout.LoadTest run | seed --provider Postgres|Sqlite --connection CS --keys DIR --merchant GUID [--customers N] [--payouts N] [--password P]");
                    return 2;
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine("Interrupted.");
            return 130;
        }
        catch (LoadTestException e)
        {
            Console.Error.WriteLine($"loadtest: {e.Message}");
            return 1;
        }
    }
}

/// <summary>A run that cannot go on (a service that does not start, a set-up call that fails); the message says why.</summary>
internal sealed class LoadTestException(string message, Exception? inner = null) : Exception(message, inner);
