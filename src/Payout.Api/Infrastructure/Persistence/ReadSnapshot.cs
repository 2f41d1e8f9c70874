using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// A read-only transaction in which several queries see one state of the database, while writers go on.
/// PostgreSQL: REPEATABLE READ. SQLite: a deferred transaction, which in WAL mode reads one snapshot and takes no
/// write lock (the provider's default would be BEGIN IMMEDIATE, queueing the report behind every payout).
/// </summary>
public sealed class ReadSnapshot : IAsyncDisposable
{
    private readonly IDbContextTransaction transaction;
    private readonly DbTransaction? ownedByUs;

    private ReadSnapshot(IDbContextTransaction transaction, DbTransaction? ownedByUs)
    {
        this.transaction = transaction;
        this.ownedByUs = ownedByUs;
    }

    public static async Task<ReadSnapshot> BeginAsync(PayoutDbContext db, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            return new(await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken), null);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var deferred = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        var joined = await db.Database.UseTransactionAsync(deferred, cancellationToken)
            ?? throw new InvalidOperationException("EF Core did not take the SQLite transaction.");
        return new(joined, deferred);
    }

    /// <summary>Ends the snapshot; nothing was written, so this only releases it.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        if (ownedByUs is not null)
        {
            await ownedByUs.DisposeAsync();
        }
    }
}
