using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Payout.Api.Infrastructure.Observability;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// Group commit for one SQLite file (docs/decisions.md, "SQLite: the commit's fsync outside the write lock"). Its
/// connections run in WAL mode with <c>synchronous=NORMAL</c>: a commit writes its frames to the WAL and hands the write
/// lock on without waiting for the disk. The committer then waits here, before its commit returns, for an fsync of the
/// WAL that began after its commit. One fsync makes every frame written before it durable, so commits that end while a
/// flush runs share the next one, and the disk's latency no longer holds the lock that every writer queues for.
/// <para>
/// The WAL is opened by path for each flush, so a WAL that SQLite deleted and created again is the one flushed. No WAL
/// means nothing to flush: SQLite checkpointed it into the database file, and synced that, before deleting it.
/// </para>
/// </summary>
public sealed class SqliteWalFlush
{
    private static readonly ConcurrentDictionary<string, SqliteWalFlush> ByWal = new(StringComparer.Ordinal);
    private static readonly Meter Meter = new(PayoutMetrics.MeterName);
    private static readonly Counter<long> FlushesCounter = Meter.CreateCounter<long>(
        "payout.sqlite.wal_flushes", "{flush}", "fsyncs of the SQLite WAL: each makes every commit written before it durable.");

    private readonly Lock sync = new();
    private readonly Action flushToDisk;
    private long flushes;
    private long committed;
    private long durableUpTo;
    private Task? running;

    /// <param name="flushToDisk">Makes every write to the WAL so far durable (an fsync; a test can count or fail it).</param>
    public SqliteWalFlush(Action flushToDisk) => this.flushToDisk = flushToDisk;

    /// <summary>fsyncs done since the flush was made.</summary>
    public long Flushes => Interlocked.Read(ref flushes);

    /// <summary>The process's flush for the file a connection string names; none for an in-memory database.</summary>
    public static SqliteWalFlush? For(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(csb.DataSource) || csb.DataSource == ":memory:")
        {
            return null;
        }

        var walPath = Path.GetFullPath(csb.DataSource) + "-wal";
        return ByWal.GetOrAdd(walPath, static path => new SqliteWalFlush(() => FsyncIfPresent(path)));
    }

    /// <summary>Returns once a flush that began after this call has ended: the caller's commit is on disk.</summary>
    public async ValueTask WaitDurableAsync()
    {
        var ticket = TakeTicket();
        while (NextFlush(ticket) is { } flush)
        {
            await flush;
        }
    }

    /// <inheritdoc cref="WaitDurableAsync"/>
    public void WaitDurable()
    {
        var ticket = TakeTicket();
        while (NextFlush(ticket) is { } flush)
        {
            flush.GetAwaiter().GetResult();
        }
    }

    private long TakeTicket()
    {
        lock (sync)
        {
            return ++committed;
        }
    }

    /// <summary>Null once the ticket is durable; else the flush to wait for, started here if none runs.</summary>
    private Task? NextFlush(long ticket)
    {
        lock (sync)
        {
            if (durableUpTo >= ticket)
            {
                return null;
            }

            if (running is null)
            {
                // Every commit counted so far has been written to the WAL: the flush about to start covers them all. Its
                // waiters resume on the thread pool, each on its own, not one after another on the flushing thread.
                var covers = committed;
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                running = done.Task;
                _ = Task.Run(() => Flush(covers, done));
            }

            // A running flush may have begun before this ticket's commit: the caller waits for it, then asks again.
            return running;
        }
    }

    private void Flush(long covers, TaskCompletionSource done)
    {
        try
        {
            flushToDisk();
        }
        catch (Exception e)
        {
            Finish(durable: false);
            done.SetException(e);
            return;
        }

        Interlocked.Increment(ref flushes);
        FlushesCounter.Add(1);
        Finish(durable: true);
        done.SetResult();

        void Finish(bool durable)
        {
            lock (sync)
            {
                if (durable)
                {
                    durableUpTo = Math.Max(durableUpTo, covers);
                }

                running = null;
            }
        }
    }

    private static void FsyncIfPresent(string walPath)
    {
        try
        {
            // Write access only because .NET flushes to disk only a handle that can write; nothing is written. SQLite keeps
            // no locks on the WAL file itself (they are on the -shm file), so closing this handle releases none of its.
            using var wal = new FileStream(walPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            wal.Flush(flushToDisk: true);
        }
        catch (FileNotFoundException)
        {
        }
    }
}
