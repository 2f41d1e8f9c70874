using System.Data.Common;
using Microsoft.Data.Sqlite;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.UnitTests.Persistence;

/// <summary>
/// What keeping read connections open must not cost: a kept connection sees every commit made since its last read, and an
/// idle one holds no snapshot that would stop a checkpoint. What it is for: a command is prepared once per connection.
/// </summary>
public sealed class SqliteReadConnectionsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("payout-reads-").FullName;
    private readonly string connectionString;

    public SqliteReadConnectionsTests()
    {
        connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "reads.db"), Pooling = false }.ConnectionString;
        Execute("PRAGMA journal_mode=WAL; CREATE TABLE balances (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL); INSERT INTO balances VALUES (1, 10);");
    }

    [Fact]
    public async Task A_kept_connection_reuses_its_prepared_command()
    {
        using var reads = new SqliteReadConnections(connectionString);
        var commands = new List<SqliteCommand>();

        for (var i = 0; i < 2; i++)
        {
            var amount = await reads.ReadAsync("SELECT amount FROM balances WHERE id = @id", command =>
            {
                Assert.Empty(command.Parameters);
                command.Parameters.AddWithValue("@id", 1);
                commands.Add(command);
            }, FirstAmountAsync, CancellationToken.None);
            Assert.Equal(10L, amount);
        }

        Assert.Same(commands[0], commands[1]);
    }

    [Fact]
    public async Task A_kept_connection_sees_what_another_connection_committed_after_its_last_read()
    {
        using var reads = new SqliteReadConnections(connectionString);
        Assert.Equal(10L, await ReadAmountAsync(reads));

        Execute("UPDATE balances SET amount = 25 WHERE id = 1");

        Assert.Equal(25L, await ReadAmountAsync(reads));
    }

    [Fact]
    public async Task Idle_kept_connections_hold_back_no_checkpoint()
    {
        using var reads = new SqliteReadConnections(connectionString);
        await Task.WhenAll(ReadAmountAsync(reads), ReadAmountAsync(reads));

        Execute("UPDATE balances SET amount = 30 WHERE id = 1");

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        using var result = checkpoint.ExecuteReader();
        Assert.True(result.Read());
        Assert.Equal(0L, result.GetInt64(0)); // 1 would mean a reader blocked it
    }

    [Fact]
    public async Task A_connection_whose_read_failed_is_closed_not_kept()
    {
        using var reads = new SqliteReadConnections(connectionString);
        var connections = new List<SqliteConnection?>();
        Task<long> Read(Func<DbDataReader, CancellationToken, Task<long>> read) =>
            reads.ReadAsync("SELECT amount FROM balances WHERE id = 1", command => connections.Add(command.Connection), read, CancellationToken.None);

        await Read(FirstAmountAsync);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Read((_, _) => throw new InvalidOperationException("the caller's read failed")));
        await Read(FirstAmountAsync);

        Assert.Same(connections[0], connections[1]);
        Assert.NotSame(connections[1], connections[2]);
        Assert.Equal(System.Data.ConnectionState.Closed, connections[1]!.State);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static Task<long> ReadAmountAsync(SqliteReadConnections reads) =>
        reads.ReadAsync("SELECT amount FROM balances WHERE id = 1", _ => { }, FirstAmountAsync, CancellationToken.None);

    private static async Task<long> FirstAmountAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        Assert.True(await reader.ReadAsync(cancellationToken));
        return reader.GetInt64(0);
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
