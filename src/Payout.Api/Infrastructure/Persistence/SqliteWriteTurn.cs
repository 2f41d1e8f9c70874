using System.Data.Common;
using System.Diagnostics;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// One writer's turn at a <see cref="SqliteWriteGate"/>. It is given back once only: the first <see cref="Release"/>
/// frees the gate, every later one (a second end event, the gate reclaiming it, a dispose after a commit) does nothing.
/// </summary>
public sealed class SqliteWriteTurn
{
    private readonly SqliteWriteGate gate;
    private readonly long takenAt = Stopwatch.GetTimestamp();
    private int released;
    private long endFirstSeenAt;
    private DbTransaction? transaction;
    private DbDataReader? reader;

    internal SqliteWriteTurn(SqliteWriteGate gate) => this.gate = gate;

    public bool IsReleased => Volatile.Read(ref released) == 1;

    public TimeSpan HeldFor => Stopwatch.GetElapsedTime(takenAt);

    /// <summary>
    /// Whether the write this turn was taken for has ended without the turn coming back: its transaction finished
    /// (SQLite's transaction forgets its connection on commit, rollback, dispose, or when the connection closes under
    /// it) or its reader was closed — events the interceptor may not have seen.
    /// </summary>
    internal bool WriteHasEnded =>
        Volatile.Read(ref transaction) is { Connection: null } || Volatile.Read(ref reader) is { IsClosed: true };

    /// <summary>
    /// Whether the write has been seen ended for at least <paramref name="grace"/> with the turn still held: a commit's
    /// own event gives the turn back a moment after SQLite's transaction has ended, and that moment is not a leak.
    /// </summary>
    internal bool EndedUnseenFor(TimeSpan grace)
    {
        if (!WriteHasEnded)
        {
            return false;
        }

        var now = Stopwatch.GetTimestamp();
        var first = Interlocked.CompareExchange(ref endFirstSeenAt, now, 0);
        return first != 0 && Stopwatch.GetElapsedTime(first, now) >= grace;
    }

    /// <summary>Ties the turn to the transaction that holds SQLite's write lock, so its end can be seen.</summary>
    internal void HeldBy(DbTransaction owner) => Volatile.Write(ref transaction, owner);

    /// <summary>Ties the turn to the reader of a write outside a transaction (<c>INSERT … RETURNING</c>).</summary>
    internal void HeldBy(DbDataReader owner) => Volatile.Write(ref reader, owner);

    /// <summary>Gives the turn back; true only for the call that did.</summary>
    public bool Release()
    {
        if (Interlocked.Exchange(ref released, 1) == 1)
        {
            return false;
        }

        transaction = null;
        reader = null;
        gate.Free(this);
        return true;
    }
}
