using System.Diagnostics;

namespace Payout.Soak;

/// <summary>The bank test under faults, start to finish (issue 11 item 3).</summary>
public static class SoakRun
{
    public static async Task<SoakResult> RunAsync(SoakOptions options, Action<string> log)
    {
        var took = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var tally = new Tally();
        await using var environment = await SoakEnvironment.StartAsync(options, log);

        var clients = Enumerable.Range(0, options.Clients).Select(i => new SoakClient(i, environment, tally, new Random(random.Next()))).ToList();
        await Task.WhenAll(clients.Select(c => c.SetUpAsync(CancellationToken.None)));
        log($"{clients.Count} clients set up; running {options.Seconds} s with {options.Kills} kills and {options.DatabaseRestarts} database restarts");

        var length = TimeSpan.FromSeconds(options.Seconds);
        var from = DateTime.UtcNow;
        var chaos = new Chaos(environment, new Random(random.Next()), log);
        var faults = chaos.RunAsync(from, length, CancellationToken.None);
        await Task.WhenAll(clients.Select(c => c.RunAsync(from + length, CancellationToken.None)));
        await faults;
        foreach (var api in environment.Apis.Where(a => !a.IsRunning))
        {
            await api.StartAsync(TimeSpan.FromSeconds(120));
        }

        var checks = new SoakChecks(environment, tally, log);
        await checks.RunAsync();
        if (!tally.Violations.IsEmpty)
        {
            // What the API processes warned about last (their log level is Warning): the dispatchers' view of a failure.
            foreach (var api in environment.Apis)
            {
                log($"last lines of {api.BaseAddress}:\n" + string.Join('\n', api.LastLines(40)));
            }
        }
        return new SoakResult(options, tally.Requests, tally.Unavailable, tally.ConnectionErrors, checks.Total, checks.Success,
            checks.Failed, checks.Stuck, chaos.Kills, chaos.DatabaseRestarts, [.. tally.Violations],
            [.. environment.Apis.SelectMany(a => a.Unhandled)], took.Elapsed);
    }
}
