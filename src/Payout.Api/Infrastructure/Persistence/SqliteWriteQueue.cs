using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// Queues this process's writers to one SQLite database in memory, before they ask SQLite for its write lock.
/// SQLite has one writer at a time, and Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms and
/// asking again (it sets no busy handler; SQLite's own appeared to sleep whole seconds here): under 16
/// concurrent payouts about half of all thread time was those sleeps, while the lock stood free. Here a writer waits
/// on an async semaphore and starts the moment the previous one ends.
/// <para>
/// It decides no rule: SQLite's write lock, the conditional updates and the constraints still do; another process
/// on the same file still waits the old way. A write transaction (EF begins them <c>IMMEDIATE</c>: the lock is
/// taken at <c>BEGIN</c>) holds its turn until it commits, rolls back, fails or its connection closes; a write
/// outside a transaction holds it for that one statement. A turn not granted within the timeout goes ahead
/// unqueued, so the worst case is the old behaviour, never a hang.
/// </para>
/// </summary>
public sealed class SqliteWriteQueue(TimeSpan timeout) : DbConnectionInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor, IDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>Who holds the turn: a connection (its transaction) or a command (a write outside a transaction).</summary>
    private readonly ConcurrentDictionary<Guid, byte> holders = new();

    public void Dispose() => turn.Dispose();

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await TakeAsync(eventData.ConnectionId, cancellationToken);
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Take(eventData.ConnectionId);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Give(eventData.ConnectionId);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        GiveAsync(eventData.ConnectionId);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Give(eventData.ConnectionId);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        GiveAsync(eventData.ConnectionId);

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Give(eventData.ConnectionId);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        GiveAsync(eventData.ConnectionId);

    /// <summary>A transaction disposed without commit or rollback (an early return) ends here at the latest.</summary>
    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Give(eventData.ConnectionId);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Give(eventData.ConnectionId);
        return ValueTask.FromResult(result);
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (IsWriteOutsideTransaction(command))
        {
            await TakeAsync(eventData.CommandId, cancellationToken);
        }

        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (IsWriteOutsideTransaction(command))
        {
            Take(eventData.CommandId);
        }

        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Give(eventData.CommandId);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Give(eventData.CommandId);
        return ValueTask.FromResult(result);
    }

    /// <summary>A write that answers rows (<c>UPDATE … RETURNING</c>) holds the lock until its reader is done.</summary>
    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (IsWriteOutsideTransaction(command))
        {
            await TakeAsync(eventData.CommandId, cancellationToken);
        }

        return result;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (IsWriteOutsideTransaction(command))
        {
            Take(eventData.CommandId);
        }

        return result;
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Give(eventData.CommandId);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Give(eventData.CommandId);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default) =>
        GiveAsync(eventData.CommandId);

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Give(eventData.CommandId);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default) =>
        GiveAsync(eventData.CommandId);

    /// <summary>Reads never wait (WAL); inside a transaction the transaction already holds the turn.</summary>
    private static bool IsWriteOutsideTransaction(DbCommand command)
    {
        if (command.Transaction is not null)
        {
            return false;
        }

        var sql = command.CommandText.AsSpan().TrimStart();
        return !(sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase));
    }

    private async Task TakeAsync(Guid holder, CancellationToken cancellationToken)
    {
        if (await turn.WaitAsync(timeout, cancellationToken))
        {
            holders[holder] = 0;
        }
    }

    private void Take(Guid holder)
    {
        if (turn.Wait(timeout))
        {
            holders[holder] = 0;
        }
    }

    private void Give(Guid holder)
    {
        if (holders.TryRemove(holder, out _))
        {
            turn.Release();
        }
    }

    private Task GiveAsync(Guid holder)
    {
        Give(holder);
        return Task.CompletedTask;
    }
}
