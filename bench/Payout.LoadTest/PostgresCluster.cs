using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Payout.LoadTest;

/// <summary>The throwaway cluster scripts/loadtest.sh started: databases per run, pgbench, and what it reports about itself.</summary>
internal sealed partial class PostgresCluster(string adminConnectionString, string? binDir)
{
    private const string PgbenchDatabase = "pgbench";

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;

    public async Task<string> VersionAsync(CancellationToken cancellationToken) =>
        (string)(await ScalarAsync("SHOW server_version", cancellationToken))!;

    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", cancellationToken);
        await ExecuteAsync($"CREATE DATABASE {name}", cancellationToken);
    }

    public Task DropDatabaseAsync(string name, CancellationToken cancellationToken) =>
        ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", cancellationToken);

    /// <summary>
    /// <c>VACUUM (ANALYZE)</c> of one database. Plans cached on the service's pooled connections (its prepared statements, the
    /// foreign keys' checks) keep the choice made on the statistics of their moment until the next analyze, and autovacuum
    /// analyzes a young database at times a run does not control: one analyzed at a few hundred ledger rows keeps a sequential
    /// scan for each posting's key check until the next one, a minute and tens of thousands of rows later.
    /// </summary>
    public async Task AnalyzeAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>pg_stat_statements is loaded by the server (shared_preload_libraries); its view lives in <c>postgres</c>.</summary>
    public Task EnsureStatementStatsAsync(CancellationToken cancellationToken) =>
        ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", cancellationToken);

    /// <summary>TPC-B tables at the given scale, in their own database (done once; every run uses them).</summary>
    public async Task InitPgbenchAsync(int scale, TextWriter log, CancellationToken cancellationToken)
    {
        await CreateDatabaseAsync(PgbenchDatabase, cancellationToken);
        await PgbenchAsync(["-i", "-q", "-s", scale.ToString(CultureInfo.InvariantCulture)], log, cancellationToken);
    }

    /// <summary>TPC-B like the issue's reference: 16 clients, 2 threads, prepared statements.</summary>
    public async Task<PgbenchResult> RunPgbenchAsync(int seconds, int scale, TextWriter log, CancellationToken cancellationToken)
    {
        string[] arguments = ["-c", "16", "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture), "-M", "prepared"];
        var output = await PgbenchAsync(arguments, log, cancellationToken);
        var tps = TpsPattern().Match(output);
        var latency = LatencyPattern().Match(output);
        if (!tps.Success)
        {
            throw new LoadTestException($"pgbench printed no tps:\n{output}");
        }

        return new PgbenchResult(
            double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture),
            latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            16, 2, seconds, scale, "pgbench " + string.Join(' ', arguments));
    }

    private async Task<string> PgbenchAsync(IEnumerable<string> arguments, TextWriter log, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString);
        var start = new ProcessStartInfo(Path.Combine(binDir ?? throw new LoadTestException("LOADTEST_PG_BINDIR is not set"), "pgbench"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username! }
                     .Concat(arguments).Append(PgbenchDatabase))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = await stdout + await stderr;
        await log.WriteLineAsync(output.AsMemory(), cancellationToken);
        return process.ExitCode == 0 ? output : throw new LoadTestException($"pgbench exited with {process.ExitCode}:\n{output}");
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsPattern();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyPattern();
}
