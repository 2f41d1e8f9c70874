using Microsoft.Data.Sqlite;

namespace Payout.LoadTest.Seeding;

/// <summary>
/// Prepared INSERTs on one connection in large transactions, storing values as the service's SQLite model does:
/// amounts as INTEGER units of 10^-8, instants as UTC ticks, UUIDs as upper-case text.
/// </summary>
internal sealed class SqliteSeedTarget : ISeedTarget
{
    private const int RowsPerTransaction = 200_000;
    private const decimal UnitsPerWhole = 100_000_000m;

    private readonly SqliteConnection connection;
    private readonly List<Writer> writers = [];
    private SqliteTransaction? transaction;
    private int rowsInTransaction;

    private SqliteSeedTarget(SqliteConnection connection) => this.connection = connection;

    public static async Task<SqliteSeedTarget> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Foreign keys stay off on this connection (SQLite's default): the rows are consistent by construction.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = false, Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return new SqliteSeedTarget(connection);
    }

    public static long Units(decimal value)
    {
        var units = value * UnitsPerWhole;
        return decimal.Truncate(units) == units ? (long)units : throw new ArgumentException("An amount finer than 10^-8.", nameof(value));
    }

    public async Task<bool> HasCustomersAsync(CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT EXISTS (SELECT 1 FROM customers)", cancellationToken) == 1;

    public Task<long> NextIdAsync(string table, CancellationToken cancellationToken) =>
        ScalarAsync($"SELECT coalesce(max(id), 0) + 1 FROM {table}", cancellationToken);

    public async Task<Dictionary<string, long>> EnsureAccountsAsync(
        IReadOnlyList<(string Code, int Type, string Currency)> accounts, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, type, currency) in accounts)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO ledger_accounts (code, type, currency, customer_id, balance) VALUES ($code, $type, $currency, NULL, 0) ON CONFLICT (code) DO NOTHING";
            insert.Parameters.AddWithValue("$code", code);
            insert.Parameters.AddWithValue("$type", type);
            insert.Parameters.AddWithValue("$currency", currency);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await using var select = connection.CreateCommand();
            select.CommandText = "SELECT id FROM ledger_accounts WHERE code = $code";
            select.Parameters.AddWithValue("$code", code);
            ids[code] = (long)(await select.ExecuteScalarAsync(cancellationToken))!;
        }

        return ids;
    }

    public Task<ITableWriter> OpenAsync(string table, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i, null));
        }

        var writer = new Writer(this, command);
        writers.Add(writer);
        return Task.FromResult<ITableWriter>(writer);
    }

    public async Task FinishAsync(IReadOnlyDictionary<long, decimal> balanceDeltas, CancellationToken cancellationToken)
    {
        foreach (var writer in writers)
        {
            writer.Flush();
            await writer.DisposeAsync();
        }

        writers.Clear();
        Transaction();
        foreach (var (account, delta) in balanceDeltas)
        {
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE ledger_accounts SET balance = balance + $delta WHERE id = $id";
            update.Parameters.AddWithValue("$delta", Units(delta));
            update.Parameters.AddWithValue("$id", account);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction!.CommitAsync(cancellationToken);
        transaction = null;
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);";
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<List<string>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        await connection.DisposeAsync();
    }

    private SqliteTransaction Transaction()
    {
        if (transaction is null)
        {
            transaction = connection.BeginTransaction();
            rowsInTransaction = 0;
        }

        return transaction;
    }

    /// <summary>Commits every so often, so the write-ahead log is checkpointed as the seed goes.</summary>
    private void RowWritten()
    {
        if (++rowsInTransaction >= RowsPerTransaction)
        {
            transaction!.Commit();
            transaction.Dispose();
            transaction = null;
        }
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed class Writer(SqliteSeedTarget target, SqliteCommand command) : ITableWriter, IAsyncDisposable
    {
        private int column = -1;

        public void StartRow()
        {
            Flush();
            column = 0;
        }

        /// <summary>Inserts the row being written, if any.</summary>
        public void Flush()
        {
            if (column < 0)
            {
                return;
            }

            command.Transaction = target.Transaction();
            command.ExecuteNonQuery();
            column = -1;
            target.RowWritten();
        }

        public void Int64(long value) => Set(value);

        public void Int64(long? value) => Set(value);

        public void Int32(int value) => Set(value);

        public void Text(string? value) => Set(value);

        public void Amount(decimal value) => Set(Units(value));

        public void Instant(DateTimeOffset value) => Set(value.UtcTicks);

        public void Instant(DateTimeOffset? value) => Set(value?.UtcTicks);

        public void Bytes(byte[] value) => Set(value);

        public void Uuid(Guid value) => Set(value.ToString().ToUpperInvariant());

        public ValueTask DisposeAsync() => command.DisposeAsync();

        private void Set(object? value) => command.Parameters[column++].Value = value ?? DBNull.Value;
    }
}
