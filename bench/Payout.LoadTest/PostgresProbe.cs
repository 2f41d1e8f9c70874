using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace Payout.LoadTest;

/// <summary>
/// What PostgreSQL did during a phase's timed window: pg_stat_statements (reset when the window opens), each
/// table's scans, and — when asked — waits sampled a few times a second from pg_locks and pg_stat_activity.
/// </summary>
internal sealed class PostgresProbe(
    string adminConnectionString, string database, string binDir, string workDir, string? pidFile, bool sampleLocks) : IPhaseProbe
{
    private const int TopStatements = 15;

    /// <summary>A comment in the sampler's own statements, so they are left out of the statement list.</summary>
    private const string ProbeMarker = "loadtest-probe";
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);

    private Dictionary<string, TableStat> tablesBefore = [];
    private LockSampler? sampler;
    private LockReport? locks;
    private List<StatementStat> statements = [];
    private List<TableStat> tables = [];

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
            // Connected to the measured database, so relation names resolve there.
            var target = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;
            sampler = new LockSampler(binDir, target, Path.Combine(workDir, $"locks-{database}-{Guid.NewGuid():N}.jsonl"), pidFile, SampleInterval);
            await sampler.StartAsync();
        }
    }

    public async Task WindowClosedAsync(CancellationToken cancellationToken)
    {
        locks = sampler is null ? null : await sampler.StopAsync();
        statements = await StatementsAsync(cancellationToken);
        var tablesAfter = await TablesAsync(cancellationToken);
        tables = tablesAfter.Values
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
    }

    public void Describe(PhaseResult result)
    {
        var requests = (double)Math.Max(1, result.Requests);
        result.Postgres = new PostgresPhaseDetails(
            [.. statements.Select(s => s with { CallsPerRequest = Math.Round(s.Calls / requests, 2) })], tables, locks);
    }

    private async Task<List<StatementStat>> StatementsAsync(CancellationToken cancellationToken)
    {
        await using var admin = await OpenAsync(adminConnectionString, cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT s.calls, s.mean_exec_time, s.total_exec_time, s.rows, s.query
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = @database AND s.query NOT LIKE @probe
            ORDER BY s.total_exec_time DESC
            LIMIT @limit
            """, admin);
        command.Parameters.AddWithValue("database", database);
        command.Parameters.AddWithValue("limit", TopStatements);
        command.Parameters.AddWithValue("probe", "%" + ProbeMarker + "%");
        var found = new List<StatementStat>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new StatementStat(
                reader.GetInt64(0), 0, Math.Round(reader.GetDouble(1), 3), Math.Round(reader.GetDouble(2), 1),
                reader.GetInt64(3), OneLine(reader.GetString(4))));
        }

        return found;
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

    /// <summary>
    /// Samples which sessions of the database wait, on what, running which statement: a psql process of its own
    /// (<c>\watch</c>, one JSON line per sample into a file read afterwards), so the sampling costs the load
    /// generator no CPU.
    /// </summary>
    private sealed class LockSampler(string binDir, string connectionString, string outputFile, string? pidFile, TimeSpan interval)
    {
        private const string Sample =
            """
            SELECT /* loadtest-probe */ json_build_object(
              'locks', (SELECT coalesce(json_agg(json_build_object('type', l.locktype, 'relation', l.relation::regclass::text, 'mode', l.mode, 'query', left(a.query, 160))), '[]')
                        FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                        WHERE NOT l.granted AND a.datname = current_database()),
              'events', (SELECT coalesce(json_agg(coalesce(wait_event_type || ':' || wait_event, 'CPU (no wait event)')), '[]')
                         FROM pg_stat_activity
                         WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()))
            """;

        private Process? psql;

        public async Task StartAsync()
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            var start = new ProcessStartInfo(Path.Combine(binDir, "psql")) { RedirectStandardInput = true, UseShellExecute = false };
            foreach (var argument in new[] { "-X", "-q", "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database! })
            {
                start.ArgumentList.Add(argument);
            }

            psql = Process.Start(start) ?? throw new LoadTestException("could not start psql");
            if (pidFile is not null)
            {
                await File.AppendAllTextAsync(pidFile, psql.Id.ToString(CultureInfo.InvariantCulture) + "\n");
            }

            var seconds = interval.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            await psql.StandardInput.WriteAsync(
                $"\\pset format unaligned\n\\pset tuples_only on\n\\o {outputFile}\n{PostgresProbe.OneLine(Sample)}\n\\watch {seconds}\n");
            await psql.StandardInput.FlushAsync();
        }

        public async Task<LockReport> StopAsync()
        {
            if (psql is not null)
            {
                psql.Kill();
                await psql.WaitForExitAsync();
                psql.Dispose();
            }

            var waits = new Dictionary<(string Type, string? Relation, string Mode), (long Total, int Max)>();
            var statements = new Dictionary<string, long>(StringComparer.Ordinal);
            var events = new Dictionary<string, long>(StringComparer.Ordinal);
            var samples = 0;
            foreach (var line in File.Exists(outputFile) ? await File.ReadAllLinesAsync(outputFile) : [])
            {
                SampleRow? row;
                try
                {
                    row = JsonSerializer.Deserialize<SampleRow>(line, JsonSerializerOptions.Web);
                }
                catch (JsonException)
                {
                    continue; // the line psql was writing when it was stopped
                }

                if (row is null)
                {
                    continue;
                }

                samples++;
                foreach (var group in row.Locks.GroupBy(l => (l.Type, l.Relation, l.Mode)))
                {
                    var (total, max) = waits.GetValueOrDefault(group.Key);
                    waits[group.Key] = (total + group.Count(), Math.Max(max, group.Count()));
                }

                foreach (var query in row.Locks.Select(l => PostgresProbe.OneLine(l.Query ?? "")))
                {
                    statements[query] = statements.GetValueOrDefault(query) + 1;
                }

                foreach (var name in row.Events)
                {
                    events[name] = events.GetValueOrDefault(name) + 1;
                }
            }

            var n = Math.Max(1, samples);
            return new LockReport(
                samples,
                [.. waits.OrderByDescending(w => w.Value.Total).Select(w => new LockWait(w.Key.Type, w.Key.Relation, w.Key.Mode, Math.Round(w.Value.Total / (double)n, 2), w.Value.Max))],
                [.. statements.OrderByDescending(s => s.Value).Take(10).Select(s => new WaitingStatement(s.Key, Math.Round(s.Value / (double)n, 2)))],
                [.. events.OrderByDescending(e => e.Value).Take(12).Select(e => new WaitEvent(e.Key, Math.Round(e.Value / (double)n, 2)))]);
        }

        private sealed record SampleRow(List<LockedRow> Locks, List<string> Events);

        private sealed record LockedRow(string Type, string? Relation, string Mode, string? Query);
    }
}
