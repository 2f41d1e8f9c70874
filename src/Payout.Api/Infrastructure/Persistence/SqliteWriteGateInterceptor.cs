using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// Puts every EF write to SQLite through the <see cref="SqliteWriteGate"/>, with no change at the call sites:
/// <list type="bullet">
/// <item>a transaction EF begins (its own in <c>SaveChanges</c>, or <c>BeginTransaction</c>; SQLite's
/// <c>BEGIN IMMEDIATE</c>, which takes the write lock at once) takes the turn before <c>BEGIN</c>, here, and holds it
/// until it commits, rolls back or fails, or its connection closes or is disposed. An end the gate does not see (a
/// dispose without a close, a pooled context reset with the connection left open) is still seen by the gate itself:
/// SQLite's transaction forgets its connection when it ends, and the next waiter reclaims that turn.</item>
/// <item>a write outside a transaction (a one-row <c>SaveChanges</c>, <c>ExecuteUpdate</c>, raw SQL) holds it for its
/// one statement, until its reader closes.</item>
/// </list>
/// Reads never take it (WAL lets them run beside the writer), nor does a deferred transaction (<c>ReadUncommitted</c>,
/// or one joined with <c>UseTransaction</c>: the read snapshots). The connection's busy timeout is set on each open so
/// that a writer without a turn (the gate's bound passed, another process on the file) waits inside SQLite, which
/// wakes within milliseconds, not in the driver's 150 ms sleeps.
/// <para>
/// With a <see cref="SqliteWalFlush"/>, a WAL connection commits without waiting for the disk, and every write's commit
/// (a transaction's, or a lone statement's) returns only once the flush has made it durable, after the turn is given
/// back: the fsync no longer holds the lock, and writers that commit together share one.
/// </para>
/// </summary>
public sealed class SqliteWriteGateInterceptor(SqliteWriteGate gate, SqliteWalFlush? walFlush, int busyTimeoutMilliseconds)
    : DbConnectionInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbConnection, SqliteWriteTurn> byConnection = [];

    // Writes under way, until they end: a commit among those ends is flushed.
    private readonly ConditionalWeakTable<DbTransaction, Write> writeTransactions = [];
    private readonly ConditionalWeakTable<DbCommand, Write> writeCommands = [];

    // Native handles already switched to synchronous=NORMAL: a pooled handle keeps the setting across opens.
    private readonly ConditionalWeakTable<object, object> deferredSyncHandles = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Prepare(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Prepare(connection);
        return Task.CompletedTask;
    }

    public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => ReleaseHeldBy(connection);

    public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        ReleaseHeldBy(connection);
        return Task.CompletedTask;
    }

    public override void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => ReleaseHeldBy(connection);

    public override Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        ReleaseHeldBy(connection);
        return Task.CompletedTask;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        if (!TakesWriteLock(eventData, result))
        {
            return result;
        }

        ReleaseHeldBy(connection);
        var turn = await gate.EnterAsync(cancellationToken);
        try
        {
            return Begun(connection, turn, await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken));
        }
        catch
        {
            turn?.Release();
            throw;
        }
    }

    public InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (!TakesWriteLock(eventData, result))
        {
            return result;
        }

        ReleaseHeldBy(connection);
        var turn = gate.Enter();
        try
        {
            return Begun(connection, turn, connection.BeginTransaction(eventData.IsolationLevel));
        }
        catch
        {
            turn?.Release();
            throw;
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Durable(EndWrite(transaction));

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        await DurableAsync(EndWrite(transaction));

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => EndWrite(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndWrite(transaction);
        return Task.CompletedTask;
    }

    /// <summary>A failed commit or rollback: the transaction is over or about to be disposed; the turn goes back now.</summary>
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => EndWrite(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndWrite(transaction);
        return Task.CompletedTask;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnterForWriteOutsideTransactionAsync(command, cancellationToken);
        return result;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        EnterForWriteOutsideTransaction(command);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReaderExecuted(command, eventData, result));

    /// <summary>A write's reader keeps SQLite's lock until it is closed: the turn stays with it.</summary>
    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (writeCommands.TryGetValue(command, out var write))
        {
            write.Turn?.HeldBy(result);
        }

        return result;
    }

    /// <summary>
    /// A lone write commits when its statement is reset, which closing the reader does: closed here, before the turn goes
    /// back and the flush, so both come after the commit (EF's own close then finds it closed).
    /// </summary>
    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Durable(ClosedLoneWrite(command, eventData.DataReader));
        return result;
    }

    public async ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        await DurableAsync(ClosedLoneWrite(command, eventData.DataReader));
        return result;
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        EndWrite(command);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterForWriteOutsideTransactionAsync(command, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnterForWriteOutsideTransaction(command);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Durable(EndWrite(command));
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await DurableAsync(EndWrite(command));
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnterForWriteOutsideTransactionAsync(command, cancellationToken);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        EnterForWriteOutsideTransaction(command);
        return result;
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Durable(EndWrite(command));
        return result;
    }

    public async ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        await DurableAsync(EndWrite(command));
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => EndWrite(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndWrite(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => EndWrite(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndWrite(command);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Microsoft.Data.Sqlite begins <c>IMMEDIATE</c> unless asked for <c>ReadUncommitted</c> (a deferred <c>BEGIN</c>,
    /// which takes no lock until it writes). A transaction another interceptor already supplied is left alone.
    /// </summary>
    private static bool TakesWriteLock(TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) =>
        !result.HasResult && eventData.IsolationLevel != IsolationLevel.ReadUncommitted;

    /// <summary>EF uses the transaction begun here, and still raises its started event and every end event for it.</summary>
    private InterceptionResult<DbTransaction> Begun(DbConnection connection, SqliteWriteTurn? turn, DbTransaction transaction)
    {
        writeTransactions.AddOrUpdate(transaction, new Write(turn));
        if (turn is not null)
        {
            turn.HeldBy(transaction);
            byConnection.AddOrUpdate(connection, turn);
        }

        return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
    }

    private async ValueTask EnterForWriteOutsideTransactionAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (IsWriteOutsideTransaction(command))
        {
            writeCommands.AddOrUpdate(command, new Write(await gate.EnterAsync(cancellationToken)));
        }
    }

    private void EnterForWriteOutsideTransaction(DbCommand command)
    {
        if (IsWriteOutsideTransaction(command))
        {
            writeCommands.AddOrUpdate(command, new Write(gate.Enter()));
        }
    }

    /// <summary>Closes a lone write's reader now, so that its statement has committed (see <see cref="DataReaderClosing"/>), and ends the write.</summary>
    private bool ClosedLoneWrite(DbCommand command, DbDataReader reader)
    {
        if (!writeCommands.TryGetValue(command, out _))
        {
            return false;
        }

        reader.Close();
        return EndWrite(command);
    }

    /// <summary>After a write that ended (<paramref name="wroteAndEnded"/>): returns once its commit is on disk (a shared flush).</summary>
    private void Durable(bool wroteAndEnded)
    {
        if (wroteAndEnded)
        {
            walFlush?.WaitDurable();
        }
    }

    /// <inheritdoc cref="Durable"/>
    private ValueTask DurableAsync(bool wroteAndEnded) =>
        wroteAndEnded && walFlush is not null ? walFlush.WaitDurableAsync() : ValueTask.CompletedTask;

    private bool EndWrite(DbTransaction transaction) => EndWrite(writeTransactions, transaction);

    private bool EndWrite(DbCommand command) => EndWrite(writeCommands, command);

    /// <summary>The write is over: its turn goes back. True when it was a write (whose commit, if it committed, the flush must cover).</summary>
    private static bool EndWrite<TOwner>(ConditionalWeakTable<TOwner, Write> writes, TOwner owner)
        where TOwner : class
    {
        if (!writes.TryGetValue(owner, out var write))
        {
            return false;
        }

        writes.Remove(owner);
        write.Turn?.Release();
        return true;
    }

    /// <summary>Inside a transaction the transaction holds the turn (or, deferred, needs none); reads need none.</summary>
    private static bool IsWriteOutsideTransaction(DbCommand command)
    {
        if (command.Transaction is not null)
        {
            return false;
        }

        var sql = command.CommandText.AsSpan().TrimStart();
        return !(sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            || sql.StartsWith("WITH", StringComparison.OrdinalIgnoreCase)
            || sql.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase)
            || sql.StartsWith("EXPLAIN", StringComparison.OrdinalIgnoreCase));
    }

    private void ReleaseHeldBy(DbConnection connection)
    {
        if (byConnection.TryGetValue(connection, out var turn))
        {
            byConnection.Remove(connection);
            turn.Release();
        }
    }

    /// <summary>
    /// The busy timeout on the native handle (no SQL to parse), on every open since a pooled handle may be new: SQLite's
    /// own busy handler waits 1, 2, 5, 10 … ms between tries, where the driver without it sleeps 150 ms. With a flush,
    /// a handle on a WAL file commits without waiting for the disk (once per handle; a file not yet in WAL mode keeps
    /// SQLite's default, a commit that waits, and is looked at again on the next open).
    /// </summary>
    private void Prepare(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite)
        {
            return;
        }

        SQLitePCL.raw.sqlite3_busy_timeout(handle, busyTimeoutMilliseconds);
        if (walFlush is null || deferredSyncHandles.TryGetValue(handle, out _))
        {
            return;
        }

        using var pragma = sqlite.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode";
        if (pragma.ExecuteScalar() is "wal")
        {
            pragma.CommandText = "PRAGMA synchronous = NORMAL";
            pragma.ExecuteNonQuery();
            deferredSyncHandles.AddOrUpdate(handle, Marker);
        }
    }

    /// <summary>A write under way, and its turn at the gate: none for a writer that went past the gate's bound, which still commits.</summary>
    private sealed record Write(SqliteWriteTurn? Turn);
}
