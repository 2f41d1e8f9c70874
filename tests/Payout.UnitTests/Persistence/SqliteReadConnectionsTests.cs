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
    public void A_kept_connection_reuses_its_prepared_command()
    {
        using var reads = new SqliteReadConnections(connectionString);
        SqliteCommand first;
        using (var lease = reads.Rent())
        {
            first = lease.Command("SELECT amount FROM balances WHERE id = @id");
            first.Parameters.AddWithValue("@id", 1);
            Assert.Equal(10L, first.ExecuteScalar());
        }

        using (var lease = reads.Rent())
        {
            var again = lease.Command("SELECT amount FROM balances WHERE id = @id");
            Assert.Same(first, again);
            Assert.Empty(again.Parameters);
        }
    }

    [Fact]
    public void A_kept_connection_sees_what_another_connection_committed_after_its_last_read()
    {
        using var reads = new SqliteReadConnections(connectionString);
        Assert.Equal(10L, ReadAmount(reads));

        Execute("UPDATE balances SET amount = 25 WHERE id = 1");

        Assert.Equal(25L, ReadAmount(reads));
    }

    [Fact]
    public void Idle_kept_connections_hold_back_no_checkpoint()
    {
        using var reads = new SqliteReadConnections(connectionString);
        using (reads.Rent())
        using (var second = reads.Rent())
        {
            var command = second.Command("SELECT amount FROM balances");
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
        }

        Execute("UPDATE balances SET amount = 30 WHERE id = 1");

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        using var result = checkpoint.ExecuteReader();
        Assert.True(result.Read());
        Assert.Equal(0L, result.GetInt64(0)); // 1 would mean a reader blocked it
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static long ReadAmount(SqliteReadConnections reads)
    {
        using var lease = reads.Rent();
        var command = lease.Command("SELECT amount FROM balances WHERE id = 1");
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
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
