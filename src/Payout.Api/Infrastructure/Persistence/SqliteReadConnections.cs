using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// Open SQLite connections kept for the hot reads that run outside a transaction (<c>GET /v4/payout/data</c>, an offer's
/// facts), each keeping its commands prepared. EF opens and closes a pooled connection around every operation, and
/// Microsoft.Data.Sqlite then registers EF's functions again on each open and finalizes every command's statements on each
/// close: each read parsed and planned its SQL afresh, and the open and close alone were about a tenth of <c>/data</c>'s CPU.
/// <para>
/// A kept connection holds no snapshot between reads: each read's reader is disposed before the connection goes back,
/// which ends SQLite's implicit read transaction, so WAL checkpoints are not held back and every read sees the last
/// commit. A connection is used by one caller at a time; at most <see cref="Kept"/> wait idle, others are closed.
/// </para>
/// </summary>
public sealed class SqliteReadConnections(string connectionString) : IDisposable
{
    /// <summary>Enough for the requests that read at once on a few cores (SQLite's calls run on the request's thread).</summary>
    private const int Kept = 16;

    private readonly ConcurrentBag<KeptConnection> idle = [];
    private volatile bool disposed;

    /// <summary>
    /// Runs <paramref name="sql"/> on a kept connection: <paramref name="bind"/> adds the parameters to its prepared command,
    /// <paramref name="read"/> reads the answer. The connection goes back once the reader is disposed; after a failure it is
    /// closed instead, so that a connection in a state nobody looked at is never used again.
    /// </summary>
    public async Task<T> ReadAsync<T>(
        string sql, Action<SqliteCommand> bind, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var kept = idle.TryTake(out var idleOne) ? idleOne : KeptConnection.Open(connectionString);
        T answer;
        try
        {
            var command = kept.Command(sql);
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            answer = await read(reader, cancellationToken);
        }
        catch
        {
            kept.Dispose();
            throw;
        }

        Return(kept);
        return answer;
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var kept))
        {
            kept.Dispose();
        }
    }

    private void Return(KeptConnection kept)
    {
        if (disposed || idle.Count >= Kept)
        {
            kept.Dispose();
            return;
        }

        idle.Add(kept);
        if (disposed && idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    private sealed class KeptConnection : IDisposable
    {
        private readonly SqliteConnection connection;

        private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

        private KeptConnection(SqliteConnection connection) => this.connection = connection;

        /// <summary>Opened with the service's connection string: its timeout covers a read that meets a checkpoint or a WAL recovery.</summary>
        public static KeptConnection Open(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            return new KeptConnection(connection);
        }

        /// <summary>The command for <paramref name="sql"/>, prepared on this connection's first use of it, without parameters.</summary>
        public SqliteCommand Command(string sql)
        {
            if (!commands.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                commands.Add(sql, command);
            }

            command.Parameters.Clear();
            return command;
        }

        public void Dispose()
        {
            foreach (var command in commands.Values)
            {
                command.Dispose();
            }

            connection.Dispose();
        }
    }
}
