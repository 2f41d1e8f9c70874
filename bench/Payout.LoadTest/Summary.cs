namespace Payout.LoadTest;

/// <summary>The medians over the runs (each ratio is taken within a run first) and the issue's targets, met or not.</summary>
internal sealed record Summary(
    double? PgbenchTps, double? ReferenceRps, List<SummaryRow> Rows, List<ServiceSummary> Services, List<TargetCheck> Targets)
{
    public const double FlowToPgbench = 0.3;
    public const double PayP99Ms = 50;
    public const double OfferP99Ms = 25;
    public const double DataToKestrel = 0.2;
    public const double LiveToKestrel = 0.8;
    public const double SqliteFlow = 300;
    public const double RssMb = 300;
    public const double ScaleLatency = 1.2;

    public static Summary From(LoadTestReport report)
    {
        var runs = report.Runs;
        var rows = runs.SelectMany(r => r.Services)
            .SelectMany(s => s.Phases.SelectMany(p => p.Calls.Select(c => (Key: (s.Database, s.Seeded, p.Name, c.Name), Phase: p, Call: c))))
            .GroupBy(x => x.Key)
            .Select(g => Row(g.Key, [.. g.Select(x => (x.Phase, x.Call))]))
            .ToList();
        var services = runs.SelectMany(r => r.Services).GroupBy(s => (s.Database, s.Seeded))
            .Select(g => new ServiceSummary(
                g.Key.Database, g.Key.Seeded,
                Median(g.Select(s => s.Phase(Scenarios.Flow) is { } flow ? PayoutsPerSecond(flow) : (double?)null)),
                Median(g.Select(s => s.ResidentMbAfterRun)),
                Median(g.Select(s => s.PeakResidentMb)),
                g.Any(s => s.LedgerInvariantHolds == false) ? "**VIOLATED**"
                    : g.All(s => s.LedgerInvariantHolds == true) ? "holds"
                    : "could not be checked through the API (" + string.Join("; ", g.SelectMany(s => s.LedgerViolations).Distinct().Take(2)) + ")",
                g.Select(s => s.Seed).LastOrDefault(seed => seed is not null) is { } seed
                    ? (seed.LedgerHolds ? "holds over the seeded rows" : "**VIOLATED** over the seeded rows: " + string.Join("; ", seed.LedgerViolations.Take(3)))
                    : null,
                Median(g.Select(s => (double?)s.SetupSeconds)),
                Median(g.Select(s => s.WarmupSeconds))))
            .ToList();
        var summary = new Summary(
            Median(runs.Select(r => r.Pgbench?.Tps)),
            Median(runs.Select(r => r.Reference?.Call("json")?.PerSecond)),
            rows, services, []);
        summary.Targets.AddRange(CheckTargets(report, summary));
        return summary;
    }

    /// <summary>Executes answered 2xx, per second: each is one payout.</summary>
    public static double PayoutsPerSecond(PhaseResult flow) =>
        flow.Call("pay") is { } pay ? Math.Round((pay.Count - pay.Errors) / flow.Seconds, 1) : 0;

    public SummaryRow? Row(string database, bool seeded, string phase, string call) =>
        Rows.FirstOrDefault(r => r.Database == database && r.Seeded == seeded && r.Phase == phase && r.Call == call);

    public ServiceSummary? Service(string database, bool seeded) =>
        Services.FirstOrDefault(s => s.Database == database && s.Seeded == seeded);

    private static SummaryRow Row((string Database, bool Seeded, string Phase, string Call) key, List<(PhaseResult Phase, CallSummary Call)> samples) => new(
        key.Database, key.Seeded, key.Phase, key.Call,
        Median(samples.Select(s => (double?)s.Call.PerSecond)) ?? 0,
        Median(samples.Select(s => (double?)s.Call.P50Ms)) ?? 0,
        Median(samples.Select(s => (double?)s.Call.P95Ms)) ?? 0,
        Median(samples.Select(s => (double?)s.Call.P99Ms)) ?? 0,
        Median(samples.Select(s => (double?)s.Call.MaxMs)) ?? 0,
        samples.Sum(s => s.Call.Errors),
        Median(samples.Select(s => s.Phase.ServiceCpuPercent)),
        Median(samples.Select(s => s.Phase.ServiceCpuMsPerRequest)),
        Median(samples.Select(s => s.Phase.ServiceJitPercent)),
        Median(samples.Select(s => s.Phase.PostgresCpuPercent)),
        Median(samples.Select(s => s.Phase.PostgresCpuMsPerRequest)),
        Median(samples.Select(s => (double?)s.Phase.GeneratorCpuPercent)) ?? 0,
        Median(samples.Select(s => (double?)s.Phase.GeneratorCpuMicrosPerRequest)) ?? 0,
        Median(samples.Select(s => (double?)s.Phase.MachineBusyPercent)) ?? 0);

    private static IEnumerable<TargetCheck> CheckTargets(LoadTestReport report, Summary summary)
    {
        var runs = report.Runs;
        var databases = report.Settings.Databases;

        // Same-run ratios first, then their median.
        double? RatioToPgbench(string database) => Median(runs.Select(r =>
            r.Pgbench is { Tps: > 0 } pg && r.Services.FirstOrDefault(s => s.Database == database && !s.Seeded)?.Phase(Scenarios.Flow) is { } flow
                ? PayoutsPerSecond(flow) / pg.Tps : (double?)null));
        double? RatioToKestrel(string database, string phase, string call) => Median(runs.Select(r =>
            r.Reference?.Call("json") is { PerSecond: > 0 } json
            && r.Services.FirstOrDefault(s => s.Database == database && !s.Seeded)?.Phase(phase)?.Call(call) is { } measured
                ? measured.PerSecond / json.PerSecond : (double?)null));

        if (databases.Contains("Postgres"))
        {
            var ratio = RatioToPgbench("Postgres");
            var flowErrors = summary.Rows.Where(r => r.Database == "Postgres" && !r.Seeded && r.Phase == Scenarios.Flow).Sum(r => r.Errors);
            var payouts = summary.Service("Postgres", false)?.FlowPayoutsPerSecond;
            yield return ratio is null
                ? TargetCheck.NotMeasured($"Flow on PostgreSQL ≥ {FlowToPgbench}× pgbench TPS, 0 errors")
                : new TargetCheck($"Flow on PostgreSQL ≥ {FlowToPgbench}× pgbench TPS, 0 errors",
                    $"{ratio:0.000}× ({payouts:N0} payouts/s ÷ {summary.PgbenchTps:N0} TPS), {flowErrors} errors", ratio >= FlowToPgbench && flowErrors == 0);
        }

        foreach (var database in databases)
        {
            var name = MarkdownReport.DatabaseName(database);
            var pay = summary.Row(database, false, Scenarios.Flow, "pay");
            yield return pay is null
                ? TargetCheck.NotMeasured($"{name}: pay p99 ≤ {PayP99Ms} ms")
                : new TargetCheck($"{name}: pay p99 ≤ {PayP99Ms} ms ({report.Settings.Clients} clients)", $"{pay.P99Ms:0.#} ms", pay.P99Ms <= PayP99Ms);
            var offer = summary.Row(database, false, Scenarios.Flow, "offer");
            yield return offer is null
                ? TargetCheck.NotMeasured($"{name}: offer p99 ≤ {OfferP99Ms} ms")
                : new TargetCheck($"{name}: offer p99 ≤ {OfferP99Ms} ms ({report.Settings.Clients} clients)", $"{offer.P99Ms:0.#} ms", offer.P99Ms <= OfferP99Ms);
            var data = RatioToKestrel(database, Scenarios.Data, "data");
            yield return data is null
                ? TargetCheck.NotMeasured($"{name}: GET /data ≥ {DataToKestrel}× bare Kestrel")
                : new TargetCheck($"{name}: GET /data ≥ {DataToKestrel}× bare Kestrel",
                    $"{data:0.000}× ({summary.Row(database, false, Scenarios.Data, "data")?.PerSecond:N0} ÷ {summary.ReferenceRps:N0} rps)", data >= DataToKestrel);
            var live = RatioToKestrel(database, Scenarios.Health, "live");
            yield return live is null
                ? TargetCheck.NotMeasured($"{name}: /health/live ≥ {LiveToKestrel}× bare Kestrel")
                : new TargetCheck($"{name}: /health/live ≥ {LiveToKestrel}× bare Kestrel",
                    $"{live:0.000}× ({summary.Row(database, false, Scenarios.Health, "live")?.PerSecond:N0} ÷ {summary.ReferenceRps:N0} rps)", live >= LiveToKestrel);
            var rss = summary.Service(database, false)?.ResidentMbAfterRun;
            yield return rss is null
                ? TargetCheck.NotMeasured($"{name}: RSS ≤ {RssMb} MB after the run")
                : new TargetCheck($"{name}: RSS ≤ {RssMb} MB after the run", $"{rss:0} MB (peak {summary.Service(database, false)?.PeakResidentMb:0} MB)", rss <= RssMb);
        }

        if (databases.Contains("Sqlite"))
        {
            var flow = summary.Service("Sqlite", false)?.FlowPayoutsPerSecond;
            yield return flow is null
                ? TargetCheck.NotMeasured($"SQLite: flow ≥ {SqliteFlow} payouts/s")
                : new TargetCheck($"SQLite: flow ≥ {SqliteFlow} payouts/s", $"{flow:N0} payouts/s", flow >= SqliteFlow);
        }

        foreach (var database in databases)
        {
            var target = $"{MarkdownReport.DatabaseName(database)}: p50 of offer, pay and /data at {report.Settings.ScalePayouts:N0} payouts ≤ {ScaleLatency}× empty";
            var ratios = new[] { (Scenarios.Flow, "offer"), (Scenarios.Flow, "pay"), (Scenarios.Data, "data") }
                .Select(c => (c.Item2, Empty: summary.Row(database, false, c.Item1, c.Item2), Full: summary.Row(database, true, c.Item1, c.Item2)))
                .Where(c => c.Empty is { P50Ms: > 0 } && c.Full is not null)
                .Select(c => (Call: c.Item1, P50: c.Full!.P50Ms / c.Empty!.P50Ms, P99: c.Full.P99Ms / Math.Max(0.01, c.Empty.P99Ms)))
                .ToList();
            yield return ratios.Count == 0
                ? TargetCheck.NotMeasured(target + " (LOADTEST_SCALE=1)")
                : new TargetCheck(target, string.Join(", ", ratios.Select(r => $"{r.Call} {r.P50:0.00}× (p99 {r.P99:0.00}×)")), ratios.All(r => r.P50 <= ScaleLatency));
        }
    }

    public static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.Where(v => v is not null).Select(v => v!.Value).Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

internal sealed record SummaryRow(
    string Database, bool Seeded, string Phase, string Call, double PerSecond, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    long Errors, double? ServiceCpuPercent, double? ServiceCpuMsPerRequest, double? ServiceJitPercent, double? PostgresCpuPercent, double? PostgresCpuMsPerRequest,
    double GeneratorCpuPercent, double GeneratorCpuMicrosPerRequest, double MachineBusyPercent);

internal sealed record ServiceSummary(
    string Database, bool Seeded, double? FlowPayoutsPerSecond, double? ResidentMbAfterRun, double? PeakResidentMb, string Ledger,
    string? SeedLedger, double? SetupSeconds, double? WarmupSeconds);

/// <summary>One of the issue's targets; <see cref="Met"/> is null when the run did not measure it.</summary>
internal sealed record TargetCheck(string Target, string Figure, bool? Met)
{
    public static TargetCheck NotMeasured(string target) => new(target, "not measured", null);
}
