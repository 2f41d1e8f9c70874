using System.Globalization;

namespace Payout.Soak;

/// <summary>What one soak run does: how long, how many API processes and clients, how many crashes of each kind.</summary>
public sealed record SoakOptions
{
    public int Seconds { get; init; } = 600;

    public int Apis { get; init; } = 3;

    public int Clients { get; init; } = 32;

    /// <summary>
    /// Each client's pause between two steps; 0 (the default) is a closed loop as fast as the service answers. The
    /// suite's soak paces its clients: the faults need payouts in flight, not a saturated machine.
    /// </summary>
    public int PauseMilliseconds { get; init; }

    /// <summary>kill -9 of a random API process, each restarted.</summary>
    public int Kills { get; init; } = 10;

    /// <summary><c>pg_ctl stop -m immediate</c>, a few seconds down, then started again.</summary>
    public int DatabaseRestarts { get; init; } = 3;

    public int DatabaseDownSeconds { get; init; } = 3;

    /// <summary>
    /// After the faults, how long payouts may take to become final (or stuck): a payout that met no answer (a killed
    /// process, a timeout) is asked again with a backoff of up to 5 minutes.
    /// </summary>
    public int SettleSeconds { get; init; } = 420;

    /// <summary>A client request taking longer than this is a hang (a violation).</summary>
    public int RequestTimeoutSeconds { get; init; } = 30;

    /// <summary>The build of Payout.Api and Payout.Sandbox to run (<c>Release</c>).</summary>
    public string Configuration { get; init; } = "Release";

    public required string RepositoryRoot { get; init; }

    public int Seed { get; init; } = Environment.TickCount;

    public static SoakOptions Parse(string[] args, string repositoryRoot)
    {
        var options = new SoakOptions { RepositoryRoot = repositoryRoot };
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--seconds" => options with { Seconds = value },
                "--apis" => options with { Apis = value },
                "--clients" => options with { Clients = value },
                "--pause-ms" => options with { PauseMilliseconds = value },
                "--kills" => options with { Kills = value },
                "--db-restarts" => options with { DatabaseRestarts = value },
                "--seed" => options with { Seed = value },
                "--settle-seconds" => options with { SettleSeconds = value },
                _ => throw new ArgumentException($"Unknown option {args[i]} (use --seconds, --apis, --clients, --pause-ms, --kills, --db-restarts, --seed, --settle-seconds)."),
            };
        }

        return options;
    }
}
