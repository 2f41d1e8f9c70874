using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// Runs statements in order inside the context's current transaction. On PostgreSQL they travel as one
/// <see cref="NpgsqlBatch"/>: one round trip, executed one after the other, each with its own row count. SQLite is
/// in-process, so a round trip costs nothing there and the statements simply run one by one. EF's change tracker
/// never sees these rows: callers use them for rows the request does not read back.
/// </summary>
public static partial class SqlBatch
{
    private static readonly DecimalUnitsConverter Units = new();

    /// <summary>The statements are a handful of fixed texts (postings vary only in their number of rows).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> PositionalSql = new(StringComparer.Ordinal);

    /// <returns>Rows written by each statement, in order, and the values every <see cref="SqlStatement.Returns"/> statement answered.</returns>
    public static async Task<SqlBatchResult> ExecuteAsync(PayoutDbContext db, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A SQL batch runs inside the caller's transaction.");
        var result = db.Provider == DatabaseProvider.Postgres
            ? await ExecutePostgresAsync(db, (NpgsqlTransaction)transaction, statements, cancellationToken)
            : await ExecuteOneByOneAsync(db, transaction, statements, cancellationToken);
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i].ExpectedRows is { } expected && result.Rows[i] != expected)
            {
                throw new InvalidOperationException($"A batched statement wrote {result.Rows[i]} rows, not {expected}: {statements[i].Sql}");
            }
        }

        return result;
    }

    /// <summary>
    /// One <c>INSERT … RETURNING id AS "Value"</c> outside any transaction (a single statement commits on its own), through EF's
    /// raw query so the context's interceptors see it (on SQLite the write gate takes its turn for it), without the change
    /// tracker. Inside a transaction use <see cref="ExecuteAsync"/>.
    /// </summary>
    public static async Task<long> InsertReturningIdAsync(PayoutDbContext db, SqlStatement statement, CancellationToken cancellationToken)
    {
        object[] arguments = db.Provider == DatabaseProvider.Postgres
            ? [.. statement.Arguments.Select(a => a ?? DBNull.Value)]
            : [.. statement.Arguments.Select(ForSqlite)];
        var ids = await db.Database.SqlQueryRaw<long>(statement.Sql, arguments).ToListAsync(cancellationToken);
        return ids is [var id] ? id : throw new InvalidOperationException($"An insert answered {ids.Count} ids, not 1: {statement.Sql}");
    }

    private static async Task<SqlBatchResult> ExecutePostgresAsync(
        PayoutDbContext db, NpgsqlTransaction transaction, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction) { Timeout = db.Database.GetCommandTimeout() ?? 30 };
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(PostgresCommand(statement));
        }

        var returned = new List<long>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            // Only statements that return rows have a result set here.
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    returned.Add(reader.GetInt64(0));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        var rows = new int[statements.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = batch.BatchCommands[i].RecordsAffected;
        }

        return new SqlBatchResult(rows, returned);
    }

    /// <summary><paramref name="statement"/> as a command of an <see cref="NpgsqlBatch"/>, with positional parameters.</summary>
    public static NpgsqlBatchCommand PostgresCommand(SqlStatement statement)
    {
        var command = new NpgsqlBatchCommand(Positional(statement.Sql));
        foreach (var argument in statement.Arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument ?? DBNull.Value });
        }

        return command;
    }

    private static async Task<SqlBatchResult> ExecuteOneByOneAsync(
        PayoutDbContext db, DbTransaction transaction, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        var rows = new int[statements.Count];
        var returned = new List<long>();
        for (var i = 0; i < statements.Count; i++)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandTimeout = db.Database.GetCommandTimeout() ?? 30;
            command.CommandText = Positional(statements[i].Sql);
            for (var n = 0; n < statements[i].Arguments.Count; n++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "$" + (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                parameter.Value = ForSqlite(statements[i].Arguments[n]);
                command.Parameters.Add(parameter);
            }

            if (!statements[i].Returns)
            {
                rows[i] = await command.ExecuteNonQueryAsync(cancellationToken);
                continue;
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                returned.Add(reader.GetInt64(0));
                rows[i]++;
            }
        }

        return new SqlBatchResult(rows, returned);
    }

    /// <summary>SQLite holds amounts as 10^-8 units and instants as UTC ticks, like the model's converters.</summary>
    private static object ForSqlite(object? value) => value switch
    {
        null => DBNull.Value,
        decimal amount => Units.ConvertToProvider(amount)!,
        DateTimeOffset instant => instant.UtcTicks,
        _ => value,
    };

    /// <summary><c>{0}</c> → <c>$1</c>: PostgreSQL's positional parameters, which SQLite reads as names.</summary>
    private static string Positional(string sql) => PositionalSql.GetOrAdd(sql, static text => Placeholder().Replace(text, m =>
        "$" + (int.Parse(m.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>What a <see cref="SqlBatch"/> did: rows written per statement, and the values returned.</summary>
public sealed record SqlBatchResult(IReadOnlyList<int> Rows, IReadOnlyList<long> Returned);
