using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Payout.LoadTest.Seeding;

namespace Payout.LoadTest;

/// <summary>
/// One invocation of scripts/loadtest.sh: pgbench, the bare Kestrel reference and PayOut on each database, in
/// that order, LOADTEST_RUNS times; then the JSON file, the Markdown table and its medians.
/// </summary>
internal sealed class LoadTestRun
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A warm-up round in which the JIT compiled for less than this share of a core ends the warm-up.</summary>
    private const double SettledJitPercent = 2;

    private readonly LoadTestSettings settings;
    private readonly PostgresCluster? cluster;
    private readonly PhaseRunner runner;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly CancellationToken cancellationToken;

    private LoadTestRun(LoadTestSettings settings, CancellationToken cancellationToken)
    {
        this.settings = settings;
        this.cancellationToken = cancellationToken;
        cluster = settings.PostgresAdmin is { } admin ? new PostgresCluster(admin, settings.PostgresBinDir) : null;
        runner = new PhaseRunner(TimeSpan.FromSeconds(settings.WarmupSeconds), TimeSpan.FromSeconds(settings.PhaseSeconds));
    }

    public static async Task<int> RunAsync(LoadTestSettings settings, CancellationToken cancellationToken)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            throw new LoadTestException("the load test reads /proc: it runs on Linux only");
        }

        return await new LoadTestRun(settings, cancellationToken).RunAsync();
    }

    private async Task<int> RunAsync()
    {
        Directory.CreateDirectory(settings.OutDir);
        Directory.CreateDirectory(settings.WorkDir);
        var started = DateTimeOffset.UtcNow;
        var report = new LoadTestReport(started, Environment.GetEnvironmentVariable("LOADTEST_COMMIT") ?? "unknown", await MachineAsync(), SummaryOf(settings), []);
        if (settings.Databases.Contains("Postgres") && cluster is null)
        {
            throw new LoadTestException("LOADTEST_DATABASES names postgres but LOADTEST_PG is not set");
        }

        if (cluster is not null)
        {
            await cluster.EnsureStatementStatsAsync(cancellationToken);
            Say($"pgbench -i -s {settings.PgbenchScale}");
            await using var log = File.CreateText(Path.Combine(settings.WorkDir, "pgbench-init.log"));
            await cluster.InitPgbenchAsync(settings.PgbenchScale, log, cancellationToken);
        }

        for (var index = 1; index <= settings.Runs; index++)
        {
            report.Runs.Add(await RunOnceAsync(index));
        }

        report.Summary = Summary.From(report);
        report.DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
        report.LoadAverageAtEnd = ProcFs.LoadAverage();
        var stamp = started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var jsonPath = Path.Combine(settings.OutDir, $"loadtest-{stamp}.json");
        var markdownPath = Path.Combine(settings.OutDir, $"loadtest-{stamp}.md");
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, JsonOptions), cancellationToken);
        var markdown = MarkdownReport.Render(report);
        await File.WriteAllTextAsync(markdownPath, markdown, cancellationToken);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Results: {jsonPath}");
        Console.WriteLine($"Table:   {markdownPath}");
        return 0;
    }

    private async Task<RunResult> RunOnceAsync(int index)
    {
        var result = new RunResult(index);
        var tag = $"run {index}/{settings.Runs}";
        if (cluster is not null)
        {
            Say($"[{tag}] pgbench TPC-B, {settings.PgbenchSeconds} s");
            await using var log = File.CreateText(Path.Combine(settings.WorkDir, $"pgbench-run{index}.log"));
            result.Pgbench = await cluster.RunPgbenchAsync(settings.PgbenchSeconds, settings.PgbenchScale, log, cancellationToken);
            Say($"[{tag}] pgbench: {result.Pgbench.Tps:F0} TPS");
        }

        result.Reference = await RunReferenceAsync(index);
        Say($"[{tag}] bare Kestrel GET /json: {result.Reference.Call("json")?.PerSecond:F0} rps");

        foreach (var database in settings.Databases)
        {
            result.Services.Add(await RunServiceAsync(index, database, seeded: false));
        }

        if (settings.Scale)
        {
            foreach (var database in settings.Databases)
            {
                result.Services.Add(await RunServiceAsync(index, database, seeded: true));
            }
        }

        return result;
    }

    private async Task<PhaseResult> RunReferenceAsync(int index)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var reference = await ServiceProcess.StartAsync(
            settings.ReferenceDll, environment, Path.Combine(settings.WorkDir, $"reference-run{index}.log"), settings.PidFile, cancellationToken);
        return await runner.RunAsync(Scenarios.ReferencePhase(settings.ReadClients), reference.BaseAddress, reference.Pid, null, cancellationToken);
    }

    private async Task<ServiceRun> RunServiceAsync(int index, string database, bool seeded)
    {
        var run = new ServiceRun(database, seeded);
        var tag = $"run {index}/{settings.Runs}, {database}{(seeded ? $", {settings.ScalePayouts:N0} payouts" : "")}";
        var name = $"payout_r{index}_{(seeded ? "scale" : "empty")}";
        var folder = Path.Combine(settings.WorkDir, $"{name}_{database.ToLowerInvariant()}");
        Directory.CreateDirectory(folder);
        var keys = Path.Combine(folder, "keys");
        var connectionString = database == "Postgres"
            ? cluster!.ConnectionString(name)
            : $"Data Source={Path.Combine(folder, "payout.db")}";
        if (database == "Postgres")
        {
            await cluster!.CreateDatabaseAsync(name, cancellationToken);
        }

        var environment = ServiceEnvironment(database, connectionString, keys);
        var log = Path.Combine(folder, "service.log");
        try
        {
            if (seeded)
            {
                Say($"[{tag}] migrate, then seed {settings.ScaleCustomers:N0} customers and {settings.ScalePayouts:N0} payouts");
                await ServiceProcess.RunToEndAsync(settings.ApiDll, ["migrate"], environment, log, settings.PidFile, cancellationToken);
                var seedOptions = new SeedOptions(
                    database, connectionString, keys, LoadSetup.MerchantId, settings.ScaleCustomers, settings.ScalePayouts, LoadSetup.Password);
                run.Seed = await Seeder.SeedAsync(seedOptions, Console.Out, cancellationToken);
                Say($"[{tag}] seeded {run.Seed.Rows:N0} rows in {run.Seed.Seconds:F0} s; ledger invariant over them " +
                    (run.Seed.LedgerHolds ? "holds" : "VIOLATED: " + string.Join("; ", run.Seed.LedgerViolations)));
            }

            await using var service = await ServiceProcess.StartAsync(settings.ApiDll, environment, log, settings.PidFile, cancellationToken);
            var setup = Stopwatch.StartNew();
            var customers = await LoadSetup.PrepareAsync(service.BaseAddress, settings.Customers, settings.Amount, cancellationToken);
            run.SetupSeconds = Math.Round(setup.Elapsed.TotalSeconds, 1);
            if (seeded && customers.Any(c => !c.Existed))
            {
                throw new LoadTestException("the seeded customers were not found through the API (phone, merchant): the seeder and the service disagree");
            }

            Say($"[{tag}] {customers.Count} customers ready in {run.SetupSeconds:F0} s");
            var phases = PhasesFor(customers, seeded).ToList();
            using var metrics = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            await WarmUpAsync(tag, service.BaseAddress, phases, new JitProbe(metrics), run);
            if (database == "Postgres" && settings.ServiceWarmupSeconds > 0)
            {
                // After the warm-up's rows, not before: statistics of near-empty tables would choose sequential scans.
                await cluster!.AnalyzeAsync(name, cancellationToken);
            }

            foreach (var spec in phases)
            {
                var jit = new JitProbe(metrics);
                IReadOnlyList<IPhaseProbe> probes = database == "Postgres"
                    ? [jit, new PostgresProbe(settings.PostgresAdmin!, name, settings.PostgresBinDir!, folder, settings.PidFile, sampleLocks: spec.Name == Scenarios.Flow)]
                    : [jit];
                var phase = await runner.RunAsync(spec with { Probes = probes }, service.BaseAddress, service.Pid, database == "Postgres" ? settings.PostmasterPid : null, cancellationToken);
                run.Phases.Add(phase);
                Say($"[{tag}] {Describe(phase)}");
            }

            run.ResidentMbAfterRun = service.ResidentMb();
            run.PeakResidentMb = service.PeakResidentMb();
            await CheckLedgerAsync(service.BaseAddress, run);
            Say($"[{tag}] ledger invariant {LedgerWord(run.LedgerInvariantHolds)}{(run.LedgerInvariantHolds == true ? "" : ": " + string.Join("; ", run.LedgerViolations))}; " +
                $"RSS {run.ResidentMbAfterRun} MB (peak {run.PeakResidentMb} MB)");
        }
        finally
        {
            if (database == "Postgres")
            {
                await cluster!.DropDatabaseAsync(name, CancellationToken.None);
            }
        }

        return run;
    }

    /// <summary>
    /// Each phase's traffic in turn, unrecorded, for <see cref="LoadTestSettings.ServiceWarmupSeconds"/> in all; then more
    /// rounds of it until the service's JIT has settled (a round in which it compiled for less than
    /// <see cref="SettledJitPercent"/> of a core), at most <see cref="LoadTestSettings.ServiceWarmupMaxSeconds"/> in all.
    /// On two busy cores the tiered JIT recompiles the hot code for a minute or more; a window inside that minute measures
    /// the compiler as much as the service.
    /// </summary>
    private async Task WarmUpAsync(string tag, Uri baseAddress, List<PhaseSpec> phases, JitProbe jit, ServiceRun run)
    {
        if (settings.ServiceWarmupSeconds <= 0 || phases.Count == 0)
        {
            return;
        }

        var warming = Stopwatch.StartNew();
        await RoundAsync(settings.ServiceWarmupSeconds);
        var round = Math.Max(settings.ServiceWarmupSeconds, 5 * phases.Count) / 2.0;
        double? lastRoundJit = null;
        double? compiled = null;
        while (warming.Elapsed.TotalSeconds + round <= settings.ServiceWarmupMaxSeconds)
        {
            // A round's end reading is the next round's start.
            if ((compiled ??= await jit.CompilationSecondsAsync(cancellationToken)) is not { } before)
            {
                Say($"[{tag}] the service publishes no JIT time on /metrics (a build before phase J): its warm-up does not wait for the JIT");
                break;
            }

            var started = Stopwatch.GetTimestamp();
            await RoundAsync(round);
            if ((compiled = await jit.CompilationSecondsAsync(cancellationToken)) is not { } after)
            {
                break;
            }

            lastRoundJit = JitProbe.PercentOfCore(after - before, Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (lastRoundJit < SettledJitPercent)
            {
                break;
            }
        }

        run.WarmupSeconds = Math.Round(warming.Elapsed.TotalSeconds);
        run.WarmupLastRoundJitPercent = lastRoundJit;
        Say($"[{tag}] service warmed up for {run.WarmupSeconds:0} s" + (lastRoundJit is { } last ? $" (JIT in its last round: {last} % of a core)" : ""));

        async Task RoundAsync(double seconds)
        {
            var each = new PhaseRunner(TimeSpan.FromSeconds(seconds / phases.Count), TimeSpan.Zero);
            foreach (var spec in phases)
            {
                await each.RunAsync(spec, baseAddress, null, null, cancellationToken);
            }
        }
    }

    private IEnumerable<PhaseSpec> PhasesFor(List<LoadCustomer> customers, bool seeded)
    {
        string[] scaleScenarios = [Scenarios.Flow, Scenarios.Data, Scenarios.History];
        foreach (var scenario in settings.Scenarios.Where(s => !seeded || scaleScenarios.Contains(s)))
        {
            yield return scenario switch
            {
                Scenarios.Flow => Scenarios.FlowPhase(customers, settings.Clients),
                Scenarios.Data => Scenarios.DataPhase(customers[0], settings.ReadClients),
                Scenarios.Offers => Scenarios.OffersPhase(customers, settings.Clients),
                Scenarios.History => Scenarios.HistoryPhase(customers, settings.ReadClients),
                Scenarios.Health => Scenarios.HealthPhase(settings.ReadClients),
                _ => throw new LoadTestException($"unknown scenario {scenario}"),
            };
        }
    }

    /// <summary>The service's own check. On a big database it may not answer in time: that is recorded, not fatal.</summary>
    private async Task CheckLedgerAsync(Uri baseAddress, ServiceRun run)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
        try
        {
            var answer = await LoadSetup.SendAsync(http, LoadSetup.Admin(HttpMethod.Get, "admin/v1/ledger/invariant", null), cancellationToken);
            run.LedgerInvariantHolds = answer.GetProperty("holds").GetBoolean();
            run.LedgerViolations = [.. answer.GetProperty("violations").EnumerateArray().Take(10).Select(v => v.GetString() ?? "")];
        }
        catch (Exception e) when (e is LoadTestException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            run.LedgerInvariantHolds = null;
            run.LedgerViolations = ["GET /admin/v1/ledger/invariant did not answer: " + e.Message];
        }
    }

    public static string LedgerWord(bool? holds) => holds switch
    {
        true => "holds",
        false => "VIOLATED",
        null => "not checked",
    };

    private static Dictionary<string, string> ServiceEnvironment(string database, string connectionString, string keys) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = database,
        ["ConnectionStrings__Payout"] = connectionString,
        ["Admin__ApiKey"] = LoadSetup.AdminKey,
        ["Demo__Seed"] = "false",
        ["Merchants__0__Id"] = LoadSetup.MerchantId.ToString(),
        ["Merchants__0__Name"] = LoadSetup.MerchantName,
        ["Keys__Directory"] = keys,
        ["Keys__GenerateMissing"] = "true",
        // Console logging is not what we measure; warnings and errors still reach the log file.
        ["Logging__LogLevel__Default"] = "Warning",
        // The limiter still runs on every request; only its limits are above what the phases send on purpose.
        ["RateLimits__PerCustomerPerMinute"] = "1000000000",
        ["RateLimits__TokenPerAddressPerMinute"] = "1000000000",
    };

    private static string Describe(PhaseResult phase) =>
        $"{phase.Name}: " + string.Join("; ", phase.Calls.Select(c =>
            $"{c.Name} {c.PerSecond:F0}/s p50 {c.P50Ms} ms p99 {c.P99Ms} ms{(c.Errors > 0 ? $" ERRORS {c.Errors}" : "")}"))
        + $"; service CPU {phase.ServiceCpuPercent}%{(phase.ServiceJitPercent is { } jit ? $" (JIT {jit}%)" : "")}{(phase.PostgresCpuPercent is { } pg ? $", PostgreSQL {pg}%" : "")}, generator {phase.GeneratorCpuPercent}%";

    private async Task<MachineInfo> MachineAsync() => new(
        Environment.ProcessorCount,
        ProcFs.MemoryTotalMb(),
        ProcFs.CpuModel(),
        cluster is null ? null : await cluster.VersionAsync(cancellationToken),
        RuntimeInformation.FrameworkDescription,
        ProcFs.LoadAverage());

    private static LoadTestSettingsSummary SummaryOf(LoadTestSettings s) => new(
        s.PhaseSeconds, s.WarmupSeconds, s.ServiceWarmupSeconds, s.ServiceWarmupMaxSeconds, s.Clients, s.ReadClients, s.Customers, s.Amount, s.Databases, s.Scenarios, s.Runs,
        s.PgbenchSeconds, s.PgbenchScale, s.Scale, s.ScaleCustomers, s.ScalePayouts);

    private void Say(string message) =>
        Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {message}");
}
