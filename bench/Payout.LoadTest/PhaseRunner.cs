using System.Diagnostics;
using System.Net;

namespace Payout.LoadTest;

/// <summary>What one phase sends: its name, its clients, one iteration of a client's loop.</summary>
internal sealed record PhaseSpec(string Name, int Clients, Func<Worker, Task> Iteration)
{
    /// <summary>Called when the timed window opens and when it closes (e.g. to reset and read pg_stat_statements).</summary>
    public IReadOnlyList<IPhaseProbe> Probes { get; init; } = [];
}

internal interface IPhaseProbe
{
    Task WindowOpenedAsync(CancellationToken cancellationToken);

    /// <summary>Reads what it measures the moment the window closes, while the clients are still running.</summary>
    Task WindowClosedAsync(CancellationToken cancellationToken);

    /// <summary>Adds what it read to the phase's result, once the calls are counted.</summary>
    void Describe(PhaseResult result);
}

/// <summary>
/// Runs a closed loop: every client sends its next request when the last one answered. A warm-up first
/// (JIT, pools, caches; not recorded), then the timed window. CPU is read at the window's edges: the target's
/// process, PostgreSQL's processes, this process and the machine.
/// </summary>
internal sealed class PhaseRunner(TimeSpan warmup, TimeSpan duration)
{
    public async Task<PhaseResult> RunAsync(PhaseSpec spec, Uri target, int? targetPid, int? postmasterPid, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = spec.Clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ActivityHeadersPropagator = null,
        };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = target, Timeout = TimeSpan.FromSeconds(60) };
        var window = new PhaseWindow();
        var workers = Enumerable.Range(0, spec.Clients).Select(i => new Worker(i, http, new CallRecorder(window))).ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = workers.Select(w => Task.Run(() => LoopAsync(spec, w, stop.Token), CancellationToken.None)).ToList();

        try
        {
            await Task.Delay(warmup, cancellationToken);
            foreach (var probe in spec.Probes)
            {
                await probe.WindowOpenedAsync(cancellationToken);
            }

            var before = CpuSnapshot.Take(targetPid, postmasterPid);
            var clock = Stopwatch.StartNew();
            window.Recording = true;
            await Task.Delay(duration, cancellationToken);
            window.Recording = false;
            var seconds = clock.Elapsed.TotalSeconds;
            var after = CpuSnapshot.Take(targetPid, postmasterPid);
            foreach (var probe in spec.Probes)
            {
                await probe.WindowClosedAsync(cancellationToken);
            }

            await stop.CancelAsync();
            await Task.WhenAll(loops);

            var result = Summarize(spec, workers, seconds);
            before.Describe(after, seconds, result);
            foreach (var probe in spec.Probes)
            {
                probe.Describe(result);
            }

            return result;
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(loops);
        }
    }

    private static async Task LoopAsync(PhaseSpec spec, Worker worker, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await spec.Iteration(worker);
        }
    }

    private static PhaseResult Summarize(PhaseSpec spec, List<Worker> workers, double seconds)
    {
        var calls = workers.SelectMany(w => w.Recorder.Calls).GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, [.. g.Select(c => c.Value)], seconds))
            .ToList();
        var tags = workers.SelectMany(w => w.Recorder.Tags).GroupBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.Value), StringComparer.Ordinal);
        return new PhaseResult(spec.Name, spec.Clients, Math.Round(seconds, 2)) { Calls = calls, Tags = tags };
    }

    private static CallSummary Summarize(string name, List<CallSamples> parts, double seconds)
    {
        var latencies = parts.SelectMany(p => p.LatencyMicros).ToArray();
        Array.Sort(latencies);
        var byStatus = parts.SelectMany(p => p.ByStatus).GroupBy(s => s.Key)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key == 0 ? "none" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g => g.Sum(s => s.Value), StringComparer.Ordinal);
        var errors = parts.SelectMany(p => p.ByStatus).Where(s => s.Key is < 200 or > 299).Sum(s => s.Value);
        return new CallSummary(
            name, latencies.Length, Math.Round(latencies.Length / seconds, 1),
            Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), Percentile(latencies, 1.0),
            byStatus, errors, [.. parts.SelectMany(p => p.ErrorSamples).Take(5)]);
    }

    /// <summary>Nearest-rank percentile, in milliseconds.</summary>
    private static double Percentile(int[] sortedMicros, double quantile)
    {
        if (sortedMicros.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(quantile * sortedMicros.Length);
        return Math.Round(sortedMicros[Math.Clamp(rank - 1, 0, sortedMicros.Length - 1)] / 1000.0, 2);
    }

    /// <summary>CPU times at one instant.</summary>
    private sealed record CpuSnapshot(TimeSpan? Target, Dictionary<int, TimeSpan>? Postgres, TimeSpan Generator, TimeSpan MachineBusy, TimeSpan MachineTotal)
    {
        public static CpuSnapshot Take(int? targetPid, int? postmasterPid)
        {
            var (busy, total) = ProcFs.MachineCpu();
            using var self = Process.GetCurrentProcess();
            return new CpuSnapshot(
                targetPid is { } pid ? ProcFs.CpuTime(pid) : null,
                postmasterPid is { } postmaster ? ProcFs.ChildrenCpuTime(postmaster) : null,
                self.TotalProcessorTime, busy, total);
        }

        public void Describe(CpuSnapshot after, double seconds, PhaseResult result)
        {
            var requests = Math.Max(1, result.Requests);
            if (Target is { } target && after.Target is { } targetAfter)
            {
                var used = targetAfter - target;
                result.ServiceCpuPercent = Math.Round(used.TotalSeconds / seconds * 100, 1);
                result.ServiceCpuMsPerRequest = Math.Round(used.TotalMilliseconds / requests, 3);
            }

            if (Postgres is { } postgres && after.Postgres is { } postgresAfter)
            {
                // A backend that ended inside the window is lost; the pool keeps them for the whole phase.
                var used = postgresAfter.Sum(p => (p.Value - postgres.GetValueOrDefault(p.Key)).TotalMilliseconds);
                result.PostgresCpuPercent = Math.Round(used / 1000 / seconds * 100, 1);
                result.PostgresCpuMsPerRequest = Math.Round(used / requests, 3);
            }

            var generator = after.Generator - Generator;
            result.GeneratorCpuPercent = Math.Round(generator.TotalSeconds / seconds * 100, 1);
            result.GeneratorCpuMicrosPerRequest = Math.Round(generator.TotalMicroseconds / requests, 1);
            var machineTotal = (after.MachineTotal - MachineTotal).TotalSeconds;
            result.MachineBusyPercent = machineTotal > 0 ? Math.Round((after.MachineBusy - MachineBusy).TotalSeconds / machineTotal * 100, 1) : 0;
        }
    }
}
