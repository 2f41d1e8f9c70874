using System.Globalization;
using System.Text;

namespace Payout.LoadTest;

/// <summary>The table printed at the end of a run and saved beside the JSON file.</summary>
internal static class MarkdownReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string DatabaseName(string database) => database == "Postgres" ? "PostgreSQL" : "SQLite";

    public static string Render(LoadTestReport report)
    {
        var summary = report.Summary ?? throw new InvalidOperationException("The report has no summary yet.");
        var settings = report.Settings;
        var machine = report.Machine;
        var text = new StringBuilder();
        Line(text, $"## Load test, {report.StartedAt:yyyy-MM-dd HH:mm} UTC, commit {report.Commit}");
        Line(text);
        Line(text, $"Machine: {machine.Cores} cores ({machine.CpuModel}), {machine.MemoryMb / 1024.0:0.#} GB, " +
                   $"PostgreSQL {machine.PostgresVersion ?? "not used"}, {machine.DotnetVersion}; load average {machine.LoadAverageAtStart} at the start, {report.LoadAverageAtEnd} at the end.");
        Line(text, $"{(settings.Runs == 1 ? "1 run" : $"Medians of {settings.Runs} runs")}; each phase {settings.PhaseSeconds} s after a {settings.WarmupSeconds} s warm-up, " +
                   $"each service warmed up once with every phase's traffic, for {settings.ServiceWarmupSeconds} s and then until its JIT settled " +
                   $"(at most {settings.ServiceWarmupMaxSeconds} s in all). " +
                   $"Flow and offers: {settings.Clients} closed-loop clients over {settings.Customers} customers (KYC_3, USDT→EUR {settings.Amount}, card 4111…1111); " +
                   $"reads: {settings.ReadClients} connections. Took {report.DurationSeconds:0} s.");
        Line(text);
        Line(text, "| Reference (same run, same machine) | Result |");
        Line(text, "|---|---:|");
        var pgbench = report.Runs.Select(r => r.Pgbench).FirstOrDefault(p => p is not null);
        if (pgbench is not null)
        {
            Line(text, $"| pgbench TPC-B, scale {pgbench.Scale}, `-c {pgbench.Clients} -j {pgbench.Threads} -T {pgbench.Seconds} -M prepared`, durable commits | {summary.PgbenchTps:N0} TPS |");
        }

        Line(text, $"| Bare Kestrel minimal API `GET /json`, {settings.ReadClients} connections | {summary.ReferenceRps:N0} rps " +
                   $"(its CPU {Median(report.Runs.Select(r => r.Reference?.ServiceCpuPercent)):0} %, generator's {Median(report.Runs.Select(r => r.Reference?.GeneratorCpuPercent)):0} %) |");
        Line(text);

        Line(text, "| Database | Phase | Call | Throughput | p50 ms | p95 ms | p99 ms | max ms | Errors | Service CPU | Service CPU ms/req | Service JIT | PostgreSQL CPU | PostgreSQL CPU ms/req | Generator CPU µs/req | Machine busy |");
        Line(text, "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in summary.Rows.OrderBy(r => r.Seeded).ThenBy(r => r.Database, StringComparer.Ordinal).ThenBy(r => PhaseOrder(r.Phase)).ThenBy(r => r.Call, StringComparer.Ordinal))
        {
            var database = DatabaseName(row.Database) + (row.Seeded ? $", {settings.ScalePayouts:N0} payouts" : "");
            var throughput = row.Phase == Scenarios.Flow && row.Call == "pay"
                ? $"{summary.Service(row.Database, row.Seeded)?.FlowPayoutsPerSecond:N0} payouts/s"
                : $"{row.PerSecond:N0}/s";
            Line(text, $"| {database} | {row.Phase} | {CallName(row.Call)} | {throughput} | {row.P50Ms:0.##} | {row.P95Ms:0.##} | {row.P99Ms:0.##} | {row.MaxMs:0.#} | {row.Errors} " +
                       $"| {Percent(row.ServiceCpuPercent)} | {row.ServiceCpuMsPerRequest:0.###} | {Percent(row.ServiceJitPercent)} | {Percent(row.PostgresCpuPercent)} | {row.PostgresCpuMsPerRequest:0.###} " +
                       $"| {row.GeneratorCpuMicrosPerRequest:0} | {row.MachineBusyPercent:0} % |");
        }

        Line(text);
        Line(text, "CPU columns are per phase (both calls of the flow share one figure); 100 % is one core. Service JIT: the service's JIT compiling " +
                   "during the window (its `dotnet.jit.compilation.time`), part of its CPU. Errors: any answer that is not 2xx.");
        Line(text);
        foreach (var service in summary.Services)
        {
            var flow = summary.Row(service.Database, service.Seeded, Scenarios.Flow, "pay");
            var perPayout = flow is null || service.FlowPayoutsPerSecond is not > 0
                ? ""
                : $"flow CPU per payout: service {flow.ServiceCpuPercent * 10 / service.FlowPayoutsPerSecond:0.#} ms" +
                  (flow.PostgresCpuPercent is { } pg ? $", PostgreSQL {pg * 10 / service.FlowPayoutsPerSecond:0.#} ms" : "") + "; ";
            var statuses = report.Runs.SelectMany(r => r.Services.Where(s => s.Database == service.Database && s.Seeded == service.Seeded))
                .Select(s => s.Phase(Scenarios.Flow)).Where(p => p is not null).SelectMany(p => p!.Tags)
                .GroupBy(t => t.Key.Replace("pay ", "", StringComparison.Ordinal), StringComparer.Ordinal)
                .Select(g => $"{g.Key} {g.Sum(t => t.Value):N0}").ToList();
            if (statuses.Count > 0)
            {
                perPayout += $"payouts answered {string.Join(", ", statuses)}; ";
            }

            Line(text, $"- {DatabaseName(service.Database)}{(service.Seeded ? $" with {settings.ScalePayouts:N0} payouts" : "")}: {perPayout}" +
                       $"RSS after the run {service.ResidentMbAfterRun:0} MB (peak {service.PeakResidentMb:0} MB); ledger invariant after the phases " +
                       $"{service.Ledger}{(service.SeedLedger is { } seeded ? $", and {seeded} before them" : "")}; set-up {service.SetupSeconds:0} s" +
                       (service.WarmupSeconds is { } warmup ? $", warm-up {warmup:0} s." : "."));
        }

        Line(text);
        Line(text, "| Target (issue 9) | Measured | Met |");
        Line(text, "|---|---|---|");
        foreach (var target in summary.Targets)
        {
            Line(text, $"| {target.Target} | {target.Figure} | {(target.Met switch { true => "met", false => "**not met**", null => "—" })} |");
        }

        RenderErrors(text, report);
        RenderPostgres(text, report);
        return text.ToString();
    }

    private static void RenderErrors(StringBuilder text, LoadTestReport report)
    {
        var errors = report.Runs.SelectMany(r => r.Services.SelectMany(s => s.Phases.SelectMany(p => p.Calls
                .Where(c => c.Errors > 0)
                .Select(c => $"- run {r.Index}, {DatabaseName(s.Database)}{(s.Seeded ? " (seeded)" : "")}, {p.Name}/{c.Name}: {c.Errors} errors " +
                             $"({string.Join(", ", c.ByStatus.Select(b => $"{b.Key}: {b.Value}"))}); first: {string.Join(" | ", c.ErrorSamples.Take(3))}"))))
            .ToList();
        if (errors.Count == 0)
        {
            return;
        }

        Line(text);
        Line(text, "Errors:");
        Line(text);
        foreach (var error in errors)
        {
            Line(text, error.Replace("\n", " ", StringComparison.Ordinal));
        }
    }

    /// <summary>The last run's flow on PostgreSQL: what the database spent its time on and what it waited for.</summary>
    private static void RenderPostgres(StringBuilder text, LoadTestReport report)
    {
        foreach (var seeded in new[] { false, true })
        {
            var run = report.Runs.LastOrDefault(r => r.Services.Any(s => s.Database == "Postgres" && s.Seeded == seeded));
            var flow = run?.Services.First(s => s.Database == "Postgres" && s.Seeded == seeded).Phase(Scenarios.Flow);
            if (flow?.Postgres is not { } postgres)
            {
                continue;
            }

            var payouts = Math.Max(1, flow.Call("pay")?.Count ?? 1);
            var label = seeded ? $"with {report.Settings.ScalePayouts:N0} payouts" : "empty database";
            Line(text);
            Line(text, $"### PostgreSQL during the flow ({label}, run {run!.Index})");
            Line(text);
            Line(text, $"Top statements (pg_stat_statements, reset when the timed window opened; {payouts:N0} payouts):");
            Line(text);
            Line(text, "| Calls/payout | Mean ms | Total ms | Statement |");
            Line(text, "|---:|---:|---:|---|");
            foreach (var statement in postgres.TopStatements.Take(12))
            {
                Line(text, $"| {statement.Calls / (double)payouts:0.##} | {statement.MeanMs:0.###} | {statement.TotalMs:N0} | `{Shorten(statement.Query, 140)}` |");
            }

            if (postgres.Locks is { } locks)
            {
                Line(text);
                Line(text, $"Lock waits (pg_locks, {locks.Samples} samples; mean and max sessions waiting):");
                Line(text);
                Line(text, "| Lock | Relation | Mode | Mean waiting | Max |");
                Line(text, "|---|---|---|---:|---:|");
                foreach (var wait in locks.Waits.Take(8))
                {
                    Line(text, $"| {wait.LockType} | {wait.Relation ?? "—"} | {wait.Mode} | {wait.MeanWaiting:0.##} | {wait.MaxWaiting} |");
                }

                Line(text);
                Line(text, "Active sessions by wait event (pg_stat_activity, mean per sample): " +
                           string.Join(", ", locks.ActiveWaitEvents.Take(8).Select(e => $"{e.Event} {e.MeanSessions:0.##}")) + ".");
                if (locks.WaitingStatements.Count > 0)
                {
                    Line(text);
                    Line(text, "Statements that waited for a lock (mean sessions): " +
                               string.Join("; ", locks.WaitingStatements.Take(4).Select(s => $"`{Shorten(s.Query, 100)}` {s.MeanWaiting:0.##}")) + ".");
                }
            }

            var scans = postgres.Tables.Where(t => t.SeqScan > 0).Take(6).ToList();
            if (scans.Count > 0)
            {
                Line(text);
                Line(text, "Sequential scans during the flow: " +
                           string.Join(", ", scans.Select(t => $"{t.Table} {t.SeqScan:N0} scans / {t.SeqTupRead:N0} rows")) + ".");
            }
        }
    }

    private static int PhaseOrder(string phase) => Array.IndexOf(LoadTestSettings.AllScenarios, phase);

    private static string CallName(string call) => call switch
    {
        "offer" => "POST /v4/payout/offer",
        "pay" => "POST /v4/payout/pay/{id}",
        "data" => "GET /v4/payout/data",
        "history" => "GET /v4/payout/history",
        "live" => "GET /health/live",
        _ => call,
    };

    private static string Percent(double? value) => value is { } v ? v.ToString("0", Invariant) + " %" : "—";

    private static double? Median(IEnumerable<double?> values) => Summary.Median(values);

    private static string Shorten(string text, int length) =>
        (text.Length > length ? text[..length] + "…" : text).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
