using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Payout.Api.Infrastructure.Persistence;

public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>True when a unique index refused the write: another request got there first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// True when the database could not be reached or is going away — refused or broken connections, a server shutting
    /// down, starting up or out of connections, SQLite still locked after its busy timeout — anywhere in the exception's
    /// chain (EF wraps the provider's exception). A request that met one changed nothing it could not roll back, and can
    /// be tried again once the database is back. Deadlocks and serialization failures are not outages: they stay bugs (Npgsql
    /// calls them transient, so a wrapper's own transience is not asked when the server's error is inside it).
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException pg:
                    return IsOutage(pg.SqlState);
                case NpgsqlException npgsql when npgsql.InnerException is not PostgresException:
                    // Not a server error: the connection itself failed (refused, reset, timed out, pool exhausted).
                    return npgsql.IsTransient;
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked;
            }
        }

        return false;
    }

    /// <summary>Connection exceptions (08), insufficient resources (53) and operator intervention (57P01–57P03: shutdown, crash, starting up).</summary>
    private static bool IsOutage(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow;
}
