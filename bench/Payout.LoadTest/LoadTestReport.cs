namespace Payout.LoadTest;

/// <summary>The JSON file a run writes: the machine, the settings, every run in full, and the medians with the targets.</summary>
internal sealed record LoadTestReport(
    DateTimeOffset StartedAt, string Commit, MachineInfo Machine, LoadTestSettingsSummary Settings, List<RunResult> Runs)
{
    public Summary? Summary { get; set; }

    public double DurationSeconds { get; set; }

    public string? LoadAverageAtEnd { get; set; }
}

internal sealed record MachineInfo(
    int Cores, long MemoryMb, string CpuModel, string? PostgresVersion, string DotnetVersion, string LoadAverageAtStart);

internal sealed record LoadTestSettingsSummary(
    int PhaseSeconds, int WarmupSeconds, int ServiceWarmupSeconds, int ServiceWarmupMaxSeconds, int Clients, int ReadClients, int Customers, decimal Amount,
    IReadOnlyList<string> Databases, IReadOnlyList<string> Scenarios, int Runs, int PgbenchSeconds, int PgbenchScale,
    bool Scale, int ScaleCustomers, int ScalePayouts);

internal sealed record RunResult(int Index)
{
    public PgbenchResult? Pgbench { get; set; }

    public PhaseResult? Reference { get; set; }

    public List<ServiceRun> Services { get; } = [];
}

internal sealed record PgbenchResult(double Tps, double LatencyAverageMs, int Clients, int Threads, int Seconds, int Scale, string Command);

/// <summary>PayOut on one database: its set-up, its phases, the ledger check and its memory after the run.</summary>
internal sealed record ServiceRun(string Database, bool Seeded)
{
    public SeedSummary? Seed { get; set; }

    public double SetupSeconds { get; set; }

    /// <summary>How long the service was warmed up before its first phase (see LOADTEST_SERVICE_WARMUP_MAX_SECONDS).</summary>
    public double? WarmupSeconds { get; set; }

    /// <summary>The JIT's share of a core in the warm-up's last round (null: no round after the first warm-up).</summary>
    public double? WarmupLastRoundJitPercent { get; set; }

    public List<PhaseResult> Phases { get; } = [];

    public bool? LedgerInvariantHolds { get; set; }

    public IReadOnlyList<string> LedgerViolations { get; set; } = [];

    public double? ResidentMbAfterRun { get; set; }

    public double? PeakResidentMb { get; set; }

    public PhaseResult? Phase(string name) => Phases.FirstOrDefault(p => p.Name == name);
}

/// <summary>What the seeder wrote, and the ledger invariant over the seeded rows (checked by SQL after seeding).</summary>
internal sealed record SeedSummary(int Customers, int Payouts, long Rows, double Seconds, IReadOnlyList<string> LedgerViolations)
{
    public bool LedgerHolds => LedgerViolations.Count == 0;
}

internal sealed record PhaseResult(string Name, int Clients, double Seconds)
{
    public List<CallSummary> Calls { get; init; } = [];

    public Dictionary<string, long> Tags { get; init; } = [];

    /// <summary>Of the service process (100 % = one core).</summary>
    public double? ServiceCpuPercent { get; set; }

    public double? ServiceCpuMsPerRequest { get; set; }

    /// <summary>The service's JIT compiling during the window (100 % = one core): above a few %, the service was still warming up.</summary>
    public double? ServiceJitPercent { get; set; }

    /// <summary>Of every PostgreSQL process of the cluster (backends and background writers).</summary>
    public double? PostgresCpuPercent { get; set; }

    public double? PostgresCpuMsPerRequest { get; set; }

    /// <summary>Of the load generator itself: if it nears a core, the figures measure the generator.</summary>
    public double GeneratorCpuPercent { get; set; }

    public double GeneratorCpuMicrosPerRequest { get; set; }

    /// <summary>Of the whole machine (all cores = 100 %): other work on the machine shows here.</summary>
    public double MachineBusyPercent { get; set; }

    public PostgresPhaseDetails? Postgres { get; set; }

    public CallSummary? Call(string name) => Calls.FirstOrDefault(c => c.Name == name);

    public long Requests => Calls.Sum(c => c.Count);
}

internal sealed record CallSummary(
    string Name, long Count, double PerSecond, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    Dictionary<string, long> ByStatus, long Errors, List<string> ErrorSamples);

internal sealed record PostgresPhaseDetails(
    List<StatementStat> TopStatements, List<TableStat> Tables, LockReport? Locks);

internal sealed record StatementStat(long Calls, double CallsPerRequest, double MeanMs, double TotalMs, long Rows, string Query);

internal sealed record TableStat(string Table, long SeqScan, long SeqTupRead, long IdxScan, long IdxTupFetch, long Inserted, long Updated);

internal sealed record LockReport(int Samples, List<LockWait> Waits, List<WaitingStatement> WaitingStatements, List<WaitEvent> ActiveWaitEvents);

internal sealed record LockWait(string LockType, string? Relation, string Mode, double MeanWaiting, int MaxWaiting);

internal sealed record WaitingStatement(string Query, double MeanWaiting);

internal sealed record WaitEvent(string Event, double MeanSessions);
