using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// Serialises <c>Migrate()</c> across processes on PostgreSQL with a session-wide advisory lock. EF Core's own lock
/// (a table lock taken in the migration transaction) is not enough once several migrations are pending: with EF Core
/// 10.0.15 and Npgsql 10.0.3, processes starting together on an empty database each applied the second migration
/// (42P07 "relation already exists"). Under this lock the next process reads the history afresh and finds nothing
/// to do. The lock ends with its session, so a process that dies while migrating does not block the others.
/// SQLite needs none: EF Core's lock table there holds across the whole migration.
/// </summary>
public sealed class MigrationLock : IAsyncDisposable
{
    /// <summary>Any fixed number that no other advisory lock of this database uses: "PAYOUT" in ASCII.</summary>
    private const long Key = 0x5041594F5554;

    private readonly NpgsqlConnection? session;

    private MigrationLock(NpgsqlConnection? session) => this.session = session;

    public static async Task<MigrationLock> AcquireAsync(PayoutDbContext db, CancellationToken cancellationToken)
    {
        // A database that does not exist yet has no session to hold the lock on: Migrate() creates it, as before.
        if (db.Provider != DatabaseProvider.Postgres || !await db.Database.CanConnectAsync(cancellationToken))
        {
            return new MigrationLock(null);
        }

        // One session from lock to unlock: a multiplexed connection would send each statement on whichever connection is free.
        var session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Multiplexing = false }.ConnectionString);
        try
        {
            await session.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", session);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new MigrationLock(session);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (session is null)
        {
            return;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", session);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await session.DisposeAsync();
        }
    }
}
