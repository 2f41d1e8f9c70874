namespace Payout.Soak;

/// <summary>
/// The faults, spread over the run at random moments: kill -9 of a random API process (started again a second later),
/// and PostgreSQL stopped with <c>pg_ctl -m immediate</c> for a few seconds. One fault at a time, so a restarting
/// process never meets a database that is down (it would not start: migrations run first).
/// </summary>
public sealed class Chaos(SoakEnvironment environment, Random random, Action<string> log)
{
    public int Kills { get; private set; }

    public int DatabaseRestarts { get; private set; }

    public async Task RunAsync(DateTime from, TimeSpan length, CancellationToken cancellationToken)
    {
        var options = environment.Options;
        var faults = Schedule(options.Kills, isKill: true, length).Concat(Schedule(options.DatabaseRestarts, isKill: false, length))
            .OrderBy(f => f.At).ToList();
        foreach (var (at, isKill) in faults)
        {
            var wait = from + at - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            if (isKill)
            {
                await KillOneAsync();
            }
            else
            {
                await RestartDatabaseAsync();
            }
        }
    }

    /// <summary>Each fault at a random moment of its own slice of the run (between 5 % and 90 % of it), so they spread out.</summary>
    private IEnumerable<(TimeSpan At, bool IsKill)> Schedule(int count, bool isKill, TimeSpan length)
    {
        var start = length * 0.05;
        var slice = length * 0.85 / Math.Max(count, 1);
        for (var i = 0; i < count; i++)
        {
            yield return (start + slice * i + slice * random.NextDouble() * 0.8, isKill);
        }
    }

    private async Task KillOneAsync()
    {
        var api = environment.Apis[random.Next(environment.Apis.Count)];
        api.Kill();
        Kills++;
        log($"killed {api.BaseAddress} (kill {Kills})");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await api.StartAsync(TimeSpan.FromSeconds(120));
    }

    private async Task RestartDatabaseAsync()
    {
        await environment.Postgres.CrashAsync();
        DatabaseRestarts++;
        log($"PostgreSQL stopped -m immediate (restart {DatabaseRestarts})");
        // Not cancellable: the database must come back whatever happens.
        await Task.Delay(TimeSpan.FromSeconds(environment.Options.DatabaseDownSeconds), CancellationToken.None);
        await environment.Postgres.ResumeAsync();
        log("PostgreSQL started again");
    }
}
