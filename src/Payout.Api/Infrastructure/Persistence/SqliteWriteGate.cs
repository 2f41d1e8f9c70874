using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Payout.Api.Infrastructure.Observability;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// This process's writers to one SQLite file take turns here, asynchronously, before they ask SQLite for its write
/// lock: a writer that finds the lock taken waits on a semaphore and starts the moment the turn comes back, instead of
/// the driver's 150 ms sleep on a blocked thread (docs/decisions.md, "SQLite: one writer, taking turns").
/// <para>
/// It decides nothing: SQLite's lock, the conditional updates and the constraints still make every write correct, so
/// it must never stall. A writer never waits longer than <see cref="Bound"/>: past it, it goes ahead without a turn
/// (SQLite's busy handler then makes it wait for the lock itself) and a turn held that long is reclaimed. While it
/// waits it looks every <see cref="CheckEvery"/> whether the holder's write has ended unseen, and reclaims that turn
/// once it has looked so twice, so a leaked turn costs two looks, not a bound.
/// </para>
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "A gate lives as long as the process; its semaphore never makes a wait handle, so there is nothing to dispose.")]
public sealed class SqliteWriteGate
{
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultCheckEvery = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);

    // One meter for every gate in the process, as the gates are: a scrape sees them under the service's meter name.
    private static readonly Meter Meter = new(PayoutMetrics.MeterName);
    private static readonly Counter<long> TurnsCounter = Meter.CreateCounter<long>(
        "payout.sqlite.write_turns", "{turn}", "Write turns given out by the SQLite write gate: write transactions and writes outside one.");
    private static readonly Counter<long> OverrunsCounter = Meter.CreateCounter<long>(
        "payout.sqlite.write_gate.overruns", "{write}", "Writers that waited the gate's bound and went ahead without a turn.");
    // A turn lasts from tens of microseconds (a one-row write) to a few milliseconds (a commit's fsync).
    private static readonly InstrumentAdvice<double> TurnBuckets = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    };

    private static readonly Histogram<double> WaitHistogram = Meter.CreateHistogram(
        "payout.sqlite.write_gate.wait", "s", "How long each writer waited for its turn at the SQLite write gate.", advice: TurnBuckets);
    private static readonly Histogram<double> HeldHistogram = Meter.CreateHistogram(
        "payout.sqlite.write_gate.held", "s",
        "How long each turn was held. SQLite writes one at a time, so the sum's rate is the share of time the file's writer is busy.",
        advice: TurnBuckets);
    private static readonly Counter<long> ReclaimedCounter = Meter.CreateCounter<long>(
        "payout.sqlite.write_gate.reclaimed", "{turn}", "Turns the gate took back: their write ended unseen, or they were held past the bound.");

    private readonly SemaphoreSlim free = new(1, 1);
    private readonly ILogger logger;
    private SqliteWriteTurn? holder;
    private long overruns;
    private long reclaims;
    private long lastWarningAt;

    public SqliteWriteGate(ILogger logger, TimeSpan? bound = null, TimeSpan? checkEvery = null)
    {
        this.logger = logger;
        Bound = bound ?? DefaultBound;
        CheckEvery = checkEvery ?? DefaultCheckEvery;
    }

    public TimeSpan Bound { get; }

    public TimeSpan CheckEvery { get; }

    /// <summary>Writers that went ahead without a turn since the gate was made.</summary>
    public long Overruns => Interlocked.Read(ref overruns);

    /// <summary>Turns taken back from their holder since the gate was made.</summary>
    public long Reclaims => Interlocked.Read(ref reclaims);

    /// <summary>The process's gate for the file a connection string names (the first caller's logger is kept).</summary>
    public static SqliteWriteGate For(string connectionString, ILogger logger)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var key = string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ? connectionString : Path.GetFullPath(dataSource);
        return Gates.GetOrAdd(key, static (_, log) => new SqliteWriteGate(log), logger);
    }

    /// <summary>Waits for the turn; <see langword="null"/> when the bound passed and the writer goes ahead without one.</summary>
    public ValueTask<SqliteWriteTurn?> EnterAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return free.Wait(0, cancellationToken)
            ? ValueTask.FromResult<SqliteWriteTurn?>(Grant(Stopwatch.GetTimestamp()))
            : new ValueTask<SqliteWriteTurn?>(WaitAsync(cancellationToken));
    }

    /// <inheritdoc cref="EnterAsync"/>
    public SqliteWriteTurn? Enter()
    {
        var started = Stopwatch.GetTimestamp();
        while (!free.Wait(CheckEvery))
        {
            ReclaimIfEnded();
            if (Stopwatch.GetElapsedTime(started) is var waited && waited >= Bound)
            {
                Overrun(waited);
                return null;
            }
        }

        return Grant(started);
    }

    /// <summary>
    /// One wait of the whole bound keeps the writer's place in the semaphore's first-come queue; beside it, a look every
    /// <see cref="CheckEvery"/> at whether the holder's write has ended unseen.
    /// </summary>
    private async Task<SqliteWriteTurn?> WaitAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var granted = free.WaitAsync(Bound, cancellationToken);
        while (await Task.WhenAny(granted, Task.Delay(CheckEvery, CancellationToken.None)) != granted)
        {
            ReclaimIfEnded();
        }

        if (await granted)
        {
            return Grant(started);
        }

        Overrun(Stopwatch.GetElapsedTime(started));
        return null;
    }

    private void ReclaimIfEnded()
    {
        if (Volatile.Read(ref holder) is { } current && current.EndedUnseenFor(CheckEvery))
        {
            Reclaim(current, "ended_unseen");
        }
    }

    /// <summary>
    /// The bound passed: the writer goes ahead without a turn, and a turn held at least as long as it waited is taken
    /// back. Measured against the wait itself, not the bound: the semaphore's timer may end a wait a fraction of a
    /// millisecond before the stopwatch reaches the bound, while the turn it waited on is older still.
    /// </summary>
    private void Overrun(TimeSpan waited)
    {
        if (Volatile.Read(ref holder) is { } current && current.HeldFor >= waited)
        {
            Reclaim(current, "held_too_long");
        }

        Interlocked.Increment(ref overruns);
        OverrunsCounter.Add(1);
        if (ShouldWarn())
        {
            logger.LogWarning(
                "A SQLite writer waited {BoundMs} ms for the write gate and went ahead without a turn; SQLite's own locking keeps it correct ({Overruns} so far).",
                Bound.TotalMilliseconds, Overruns);
        }
    }

    private void Reclaim(SqliteWriteTurn turn, string reason)
    {
        var heldFor = turn.HeldFor;
        if (!turn.Release())
        {
            return;
        }

        Interlocked.Increment(ref reclaims);
        ReclaimedCounter.Add(1, new KeyValuePair<string, object?>("reason", reason));
        if (ShouldWarn())
        {
            logger.LogWarning("The SQLite write gate took back a turn held for {HeldMs} ms ({Reason}; {Reclaims} so far).", heldFor.TotalMilliseconds, reason, Reclaims);
        }
    }

    private SqliteWriteTurn Grant(long waitStartedAt)
    {
        var turn = new SqliteWriteTurn(this);
        WaitHistogram.Record(Stopwatch.GetElapsedTime(waitStartedAt).TotalSeconds);
        Volatile.Write(ref holder, turn);
        TurnsCounter.Add(1);
        return turn;
    }

    /// <summary>Called once per turn, by its <see cref="SqliteWriteTurn.Release"/>.</summary>
    internal void Free(SqliteWriteTurn turn)
    {
        HeldHistogram.Record(turn.HeldFor.TotalSeconds);
        Interlocked.CompareExchange(ref holder, null, turn);
        free.Release();
    }

    /// <summary>At most one warning per interval: overruns under load come in bursts, and each is counted anyway.</summary>
    private bool ShouldWarn()
    {
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref lastWarningAt);
        return (last == 0 || Stopwatch.GetElapsedTime(last, now) >= WarningInterval)
            && Interlocked.CompareExchange(ref lastWarningAt, now, last) == last;
    }
}
