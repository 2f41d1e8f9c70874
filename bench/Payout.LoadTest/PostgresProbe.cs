using Npgsql;

namespace Payout.LoadTest;

/// <summary>
/// What PostgreSQL did during a phase's timed window: pg_stat_statements (reset when the window opens), each
/// table's scans, and — when asked — waits sampled a few times a second from pg_locks and pg_stat_activity.
/// </summary>
internal sealed class PostgresProbe(string adminConnectionString, string database, bool sampleLocks) : IPhaseProbe
{
    private const int TopStatements = 15;
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);

    private Dictionary<string, TableStat> tablesBefore = [];
    private LockSampler? sampler;

    public async Task WindowOpenedAsync(CancellationToken cancellationToken)
    {
        await using (var admin = await OpenAsync(adminConnectionString, cancellationToken))
        {
            await using var reset = new NpgsqlCommand("SELECT pg_stat_statements_reset()", admin);
            await reset.ExecuteNonQueryAsync(cancellationToken);
        }

        tablesBefore = await TablesAsync(cancellationToken);
        if (sampleLocks)
        {
            // On a connection to the measured database, so relation names resolve there.
            var target = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;
            sampler = new LockSampler(target, database, SampleInterval);
            await sampler.StartAsync();
        }
    }

    public async Task WindowClosedAsync(PhaseResult result, CancellationToken cancellationToken)
    {
        var locks = sampler is null ? null : await sampler.StopAsync();
        var statements = await StatementsAsync(Math.Max(1, result.Requests), cancellationToken);
        var tablesAfter = await TablesAsync(cancellationToken);
        var tables = tablesAfter.Values
            .Select(a => tablesBefore.TryGetValue(a.Table, out var b)
                ? a with
                {
                    SeqScan = a.SeqScan - b.SeqScan, SeqTupRead = a.SeqTupRead - b.SeqTupRead, IdxScan = a.IdxScan - b.IdxScan,
                    IdxTupFetch = a.IdxTupFetch - b.IdxTupFetch, Inserted = a.Inserted - b.Inserted, Updated = a.Updated - b.Updated,
                }
                : a)
            .Where(t => t.SeqScan + t.IdxScan + t.Inserted + t.Updated > 0)
            .OrderByDescending(t => t.SeqTupRead + t.IdxTupFetch)
            .ToList();
        result.Postgres = new PostgresPhaseDetails(statements, tables, locks);
    }

    private async Task<List<StatementStat>> StatementsAsync(long requests, CancellationToken cancellationToken)
    {
        await using var admin = await OpenAsync(adminConnectionString, cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT s.calls, s.mean_exec_time, s.total_exec_time, s.rows, s.query
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = @database
            ORDER BY s.total_exec_time DESC
            LIMIT @limit
            """, admin);
        command.Parameters.AddWithValue("database", database);
        command.Parameters.AddWithValue("limit", TopStatements);
        var statements = new List<StatementStat>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var calls = reader.GetInt64(0);
            statements.Add(new StatementStat(
                calls, Math.Round(calls / (double)requests, 2), Math.Round(reader.GetDouble(1), 3), Math.Round(reader.GetDouble(2), 1),
                reader.GetInt64(3), OneLine(reader.GetString(4))));
        }

        return statements;
    }

    private async Task<Dictionary<string, TableStat>> TablesAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database };
        await using var connection = await OpenAsync(builder.ConnectionString, cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), coalesce(idx_tup_fetch, 0), n_tup_ins, n_tup_upd
            FROM pg_stat_user_tables
            """, connection);
        var tables = new Dictionary<string, TableStat>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = new TableStat(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
            tables[table.Table] = table;
        }

        return tables;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public static string OneLine(string sql) => string.Join(' ', sql.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Samples, on its own connection, which sessions of the database wait, on what, running which statement.</summary>
    private sealed class LockSampler(string connectionString, string database, TimeSpan interval)
    {
        private volatile bool stopping;
        private readonly Dictionary<(string Type, string? Relation, string Mode), (long Total, int Max)> waits = [];
        private readonly Dictionary<string, long> statements = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> events = new(StringComparer.Ordinal);
        private Task? loop;
        private int samples;

        /// <summary>Takes the first sample before it returns, so its connection and code are warm before the window's CPU is read.</summary>
        public async Task StartAsync()
        {
            var first = new TaskCompletionSource();
            loop = Task.Run(() => LoopAsync(first));
            await first.Task;
        }

        public async Task<LockReport> StopAsync()
        {
            stopping = true;
            await loop!;
            var n = Math.Max(1, samples);
            return new LockReport(
                samples,
                [.. waits.OrderByDescending(w => w.Value.Total).Select(w => new LockWait(w.Key.Type, w.Key.Relation, w.Key.Mode, Math.Round(w.Value.Total / (double)n, 2), w.Value.Max))],
                [.. statements.OrderByDescending(s => s.Value).Take(10).Select(s => new WaitingStatement(s.Key, Math.Round(s.Value / (double)n, 2)))],
                [.. events.OrderByDescending(e => e.Value).Take(12).Select(e => new WaitEvent(e.Key, Math.Round(e.Value / (double)n, 2)))]);
        }

        private async Task LoopAsync(TaskCompletionSource first)
        {
            await using var connection = await OpenAsync(connectionString, CancellationToken.None);
            await using var locks = new NpgsqlCommand(
                """
                SELECT l.locktype, l.relation::regclass::text, l.mode, left(a.query, 160)
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE NOT l.granted AND a.datname = @database
                """, connection);
            locks.Parameters.AddWithValue("database", database);
            await using var activity = new NpgsqlCommand(
                """
                SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU (no wait event)')
                FROM pg_stat_activity
                WHERE datname = @database AND state = 'active' AND pid <> pg_backend_pid()
                """, connection);
            activity.Parameters.AddWithValue("database", database);
            await SampleAsync(locks, activity);
            first.SetResult();
            while (!stopping)
            {
                await Task.Delay(interval);
                await SampleAsync(locks, activity);
            }
        }

        private async Task SampleAsync(NpgsqlCommand locks, NpgsqlCommand activity)
        {
            var now = new Dictionary<(string, string?, string), int>();
            await using (var reader = await locks.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var key = (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2));
                    now[key] = now.GetValueOrDefault(key) + 1;
                    var query = OneLine(reader.IsDBNull(3) ? "" : reader.GetString(3));
                    statements[query] = statements.GetValueOrDefault(query) + 1;
                }
            }

            foreach (var (key, count) in now)
            {
                var (total, max) = waits.GetValueOrDefault(key);
                waits[key] = (total + count, Math.Max(max, count));
            }

            await using (var reader = await activity.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var name = reader.GetString(0);
                    events[name] = events.GetValueOrDefault(name) + 1;
                }
            }

            samples++;
        }
    }
}
