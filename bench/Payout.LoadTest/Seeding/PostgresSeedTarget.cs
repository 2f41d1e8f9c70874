using Npgsql;
using NpgsqlTypes;
using Payout.Api.Features.Ledger;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.LoadTest.Seeding;

/// <summary>
/// Binary COPY, one connection per table so the server takes every table's rows at once. Triggers are off for these
/// sessions (session_replication_role = replica): the rows are consistent by construction, checking ten million foreign
/// keys one by one would take most of the time, and the KYC limit's daily sums are computed once at the end.
/// </summary>
internal sealed class PostgresSeedTarget(string connectionString) : ISeedTarget
{
    private readonly List<(NpgsqlConnection Connection, NpgsqlBinaryImporter Importer, string Table)> writers = [];

    public async Task<bool> HasCustomersAsync(CancellationToken cancellationToken) =>
        (long)(await ScalarAsync("SELECT count(*) FROM (SELECT 1 FROM customers LIMIT 1) c", cancellationToken))! > 0;

    public async Task<long> NextIdAsync(string table, CancellationToken cancellationToken) =>
        (long)(await ScalarAsync($"SELECT coalesce(max(id), 0) + 1 FROM {table}", cancellationToken))!;

    public async Task<Dictionary<string, long>> EnsureAccountsAsync(
        IReadOnlyList<(string Code, int Type, string Currency)> accounts, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        foreach (var (code, type, currency) in accounts)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO ledger_accounts (code, type, currency, customer_id, balance) VALUES (@code, @type, @currency, NULL, 0) ON CONFLICT (code) DO NOTHING",
                connection);
            insert.Parameters.AddWithValue("code", code);
            insert.Parameters.AddWithValue("type", type);
            insert.Parameters.AddWithValue("currency", currency);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = new NpgsqlCommand("SELECT code, id FROM ledger_accounts WHERE code = ANY(@codes)", connection);
        select.Parameters.AddWithValue("codes", accounts.Select(a => a.Code).ToArray());
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[reader.GetString(0)] = reader.GetInt64(1);
        }

        return ids;
    }

    public async Task<ITableWriter> OpenAsync(string table, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken);
        await using (var setup = new NpgsqlCommand("SET session_replication_role = replica; SET synchronous_commit = off", connection))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        writers.Add((connection, importer, table));
        return new Writer(importer);
    }

    public async Task FinishAsync(IReadOnlyDictionary<long, decimal> balanceDeltas, CancellationToken cancellationToken)
    {
        foreach (var (connection, importer, _) in writers)
        {
            await importer.CompleteAsync(cancellationToken);
            await importer.DisposeAsync();
            await connection.DisposeAsync();
        }

        await using var admin = await OpenConnectionAsync(cancellationToken);
        foreach (var (account, delta) in balanceDeltas)
        {
            await using var update = new NpgsqlCommand("UPDATE ledger_accounts SET balance = balance + @delta WHERE id = @id", admin);
            update.Parameters.AddWithValue("delta", delta);
            update.Parameters.AddWithValue("id", account);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var table in writers.Select(w => w.Table).Distinct(StringComparer.Ordinal).Where(t => t != "payout_outbox"))
        {
            await using var sequence = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))", admin);
            await sequence.ExecuteNonQueryAsync(cancellationToken);
        }

        // The seeded payouts' share of the KYC limit, which the triggers off for the COPY did not add: every customer's daily
        // sums computed again from the payouts, by the query the ledger check compares them with.
        var fromPayouts = LedgerInvariant.KycLimitDaysFromPayoutsSql(DatabaseProvider.Postgres);
        await using (var limitDays = new NpgsqlCommand(
            $"DELETE FROM kyc_limit_days; INSERT INTO kyc_limit_days (customer_id, epoch_day, used_eur) {fromPayouts}", admin) { CommandTimeout = 0 })
        {
            await limitDays.ExecuteNonQueryAsync(cancellationToken);
        }

        // A real database this size would have been vacuumed and analysed: plans and index-only scans as in life.
        await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", admin) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
        writers.Clear();
    }

    public async Task<List<string>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
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
        foreach (var (connection, importer, _) in writers)
        {
            await importer.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private sealed class Writer(NpgsqlBinaryImporter importer) : ITableWriter
    {
        public void StartRow() => importer.StartRow();

        public void Int64(long value) => importer.Write(value, NpgsqlDbType.Bigint);

        public void Int64(long? value)
        {
            if (value is { } v)
            {
                importer.Write(v, NpgsqlDbType.Bigint);
            }
            else
            {
                importer.WriteNull();
            }
        }

        public void Int32(int value) => importer.Write(value, NpgsqlDbType.Integer);

        public void Text(string? value)
        {
            if (value is null)
            {
                importer.WriteNull();
            }
            else
            {
                importer.Write(value, NpgsqlDbType.Text);
            }
        }

        public void Amount(decimal value) => importer.Write(value, NpgsqlDbType.Numeric);

        public void Instant(DateTimeOffset value) => importer.Write(value.UtcDateTime, NpgsqlDbType.TimestampTz);

        public void Instant(DateTimeOffset? value)
        {
            if (value is { } v)
            {
                Instant(v);
            }
            else
            {
                importer.WriteNull();
            }
        }

        public void Bytes(byte[] value) => importer.Write(value, NpgsqlDbType.Bytea);

        public void Uuid(Guid value) => importer.Write(value, NpgsqlDbType.Uuid);
    }
}
