using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.UnitTests.Persistence;

public sealed class DatabaseErrorsTests
{
    public static TheoryData<string> OutageStates => ["08006", "08001", "53300", "57P01", "57P02", "57P03"];

    [Theory]
    [MemberData(nameof(OutageStates))]
    public void A_server_going_away_or_refusing_connections_is_an_outage(string sqlState) =>
        Assert.True(DatabaseErrors.IsUnavailable(new PostgresException("gone", "FATAL", "FATAL", sqlState)));

    [Theory]
    [InlineData("40001")]
    [InlineData("40P01")]
    [InlineData("23505")]
    [InlineData("22021")]
    public void Serialization_failures_deadlocks_and_bad_data_are_not_outages(string sqlState) =>
        Assert.False(DatabaseErrors.IsUnavailable(new PostgresException("bug", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void A_refused_connection_is_an_outage_even_wrapped_by_ef() =>
        Assert.True(DatabaseErrors.IsUnavailable(new DbUpdateException("saving",
            new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)))));

    /// <summary>
    /// Npgsql can report the server's error inside an exception of its own: the server's error decides, not the wrapper's
    /// own idea of transience.
    /// </summary>
    [Theory]
    [MemberData(nameof(OutageStates))]
    public void A_connection_broken_by_the_server_going_away_is_an_outage(string sqlState) =>
        Assert.True(DatabaseErrors.IsUnavailable(new InvalidOperationException("transient failure",
            new NpgsqlException("The connection was broken", new PostgresException("gone", "FATAL", "FATAL", sqlState)))));

    [Fact]
    public void A_wrapped_bug_is_not_an_outage() =>
        Assert.False(DatabaseErrors.IsUnavailable(new NpgsqlException("wrapped", new PostgresException("bug", "ERROR", "ERROR", "40P01"))));

    [Fact]
    public void Sqlite_still_locked_after_its_busy_timeout_is_an_outage_and_a_constraint_is_not()
    {
        Assert.True(DatabaseErrors.IsUnavailable(new SqliteException("database is locked", 5)));
        Assert.False(DatabaseErrors.IsUnavailable(new SqliteException("UNIQUE constraint failed", 19)));
    }

    [Fact]
    public void An_exception_without_a_database_cause_is_not_an_outage() =>
        Assert.False(DatabaseErrors.IsUnavailable(new InvalidOperationException("bug", new TimeoutException())));
}
