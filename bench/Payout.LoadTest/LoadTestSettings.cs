using System.Globalization;

namespace Payout.LoadTest;

/// <summary>Everything a run needs, read from the LOADTEST_* variables that scripts/loadtest.sh documents and sets.</summary>
internal sealed record LoadTestSettings
{
    public required int PhaseSeconds { get; init; }

    public required int WarmupSeconds { get; init; }

    /// <summary>
    /// Traffic of every phase, in turn and not recorded, once after each service starts (split evenly over the phases): the
    /// JIT is a fifth of a new service's CPU for its first 20–30 s, and the phases measure the service as it runs for days.
    /// </summary>
    public required int ServiceWarmupSeconds { get; init; }

    /// <summary>
    /// The warm-up goes on past <see cref="ServiceWarmupSeconds"/>, in rounds of every phase's traffic, until a round finds the
    /// service's JIT settled, but never past this many seconds in all.
    /// </summary>
    public required int ServiceWarmupMaxSeconds { get; init; }

    /// <summary>Closed-loop clients of the write phases (flow, offers).</summary>
    public required int Clients { get; init; }

    /// <summary>Connections of the read phases (/data, history, /health/live, the reference).</summary>
    public required int ReadClients { get; init; }

    public required int Customers { get; init; }

    public required decimal Amount { get; init; }

    public required IReadOnlyList<string> Databases { get; init; }

    public required IReadOnlyList<string> Scenarios { get; init; }

    public required int Runs { get; init; }

    public required int PgbenchSeconds { get; init; }

    public required int PgbenchScale { get; init; }

    public required bool Scale { get; init; }

    public required int ScaleCustomers { get; init; }

    public required int ScalePayouts { get; init; }

    public required string ApiDll { get; init; }

    public required string ReferenceDll { get; init; }

    /// <summary>Connection string of the throwaway cluster's <c>postgres</c> database; null when PostgreSQL is not used.</summary>
    public string? PostgresAdmin { get; init; }

    public string? PostgresBinDir { get; init; }

    public int? PostmasterPid { get; init; }

    public required string WorkDir { get; init; }

    public required string OutDir { get; init; }

    /// <summary>Every process the run starts is appended here, so the script's trap can end it if we die.</summary>
    public string? PidFile { get; init; }

    public static readonly string[] AllScenarios = ["flow", "data", "offers", "history", "health"];

    public static LoadTestSettings FromEnvironment()
    {
        var databases = Words("LOADTEST_DATABASES", "postgres sqlite").Select(NormalizeDatabase).Distinct().ToList();
        var scenarios = Words("LOADTEST_SCENARIOS", string.Join(' ', AllScenarios));
        var unknown = scenarios.Except(AllScenarios, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new LoadTestException($"unknown scenario(s) {string.Join(", ", unknown)} in LOADTEST_SCENARIOS (use {string.Join(' ', AllScenarios)})");
        }

        return new LoadTestSettings
        {
            PhaseSeconds = Int("LOADTEST_SECONDS", 10),
            WarmupSeconds = Int("LOADTEST_WARMUP_SECONDS", 2),
            ServiceWarmupSeconds = Int("LOADTEST_SERVICE_WARMUP_SECONDS", 30),
            ServiceWarmupMaxSeconds = Int("LOADTEST_SERVICE_WARMUP_MAX_SECONDS", 180),
            Clients = Int("LOADTEST_CLIENTS", 16),
            ReadClients = Int("LOADTEST_READ_CLIENTS", 32),
            Customers = Int("LOADTEST_CUSTOMERS", 64),
            Amount = decimal.Parse(Text("LOADTEST_AMOUNT", "30"), NumberStyles.Number, CultureInfo.InvariantCulture),
            Databases = databases,
            Scenarios = scenarios,
            Runs = Int("LOADTEST_RUNS", 1),
            PgbenchSeconds = Int("LOADTEST_PGBENCH_SECONDS", 30),
            PgbenchScale = Int("LOADTEST_PGBENCH_SCALE", 10),
            Scale = Text("LOADTEST_SCALE", "0") is "1" or "true" or "yes",
            ScaleCustomers = Int("LOADTEST_SCALE_CUSTOMERS", 100_000),
            ScalePayouts = Int("LOADTEST_SCALE_PAYOUTS", 1_000_000),
            ApiDll = Required("LOADTEST_API_DLL"),
            ReferenceDll = Required("LOADTEST_REFERENCE_DLL"),
            PostgresAdmin = Optional("LOADTEST_PG"),
            PostgresBinDir = Optional("LOADTEST_PG_BINDIR"),
            PostmasterPid = Optional("LOADTEST_PG_PID") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            WorkDir = Required("LOADTEST_WORK_DIR"),
            OutDir = Required("LOADTEST_OUT_DIR"),
            PidFile = Optional("LOADTEST_PIDFILE"),
        };
    }

    private static string NormalizeDatabase(string name) => name.ToUpperInvariant() switch
    {
        "POSTGRES" or "POSTGRESQL" or "PG" => "Postgres",
        "SQLITE" => "Sqlite",
        _ => throw new LoadTestException($"unknown database '{name}' in LOADTEST_DATABASES (use postgres and/or sqlite)"),
    };

    private static string? Optional(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static string Text(string name, string fallback) => Optional(name) ?? fallback;

    private static string Required(string name) =>
        Optional(name) ?? throw new LoadTestException($"{name} is not set (run scripts/loadtest.sh, which sets it)");

    private static int Int(string name, int fallback)
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new LoadTestException($"{name} must be a whole number above 0, not '{text}'");
    }

    private static List<string> Words(string name, string fallback) =>
        [.. Text(name, fallback).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(w => w.ToLowerInvariant())];
}
