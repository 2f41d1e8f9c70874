using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Persistence;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Payouts;

[Collection(SharedAppCollection.Name)]
public sealed class DurabilityTests(PayoutApp app)
{
    /// <summary>
    /// On SQLite a commit does not wait for the disk (synchronous=NORMAL, so the write lock passes on at once); the WAL's
    /// flush does, before the commit returns. On PostgreSQL durability is the server's (synchronous_commit), not ours.
    /// </summary>
    [Fact]
    public async Task On_sqlite_a_payout_is_flushed_to_disk_by_the_wal_flush_before_execute_answers()
    {
        if (app.Database.IsPostgres)
        {
            return;
        }

        var flush = SqliteWalFlush.For(app.Database.ConnectionString)!;
        var (_, client, cardId) = await app.PayingCustomerAsync(deposit: 1_000m);
        var flushedBefore = flush.Flushes;

        var payout = await app.PayOutAsync(client, cardId, 100m);

        Assert.Equal("SUCCESS", payout.GetProperty("status").GetString());
        Assert.True(flush.Flushes > flushedBefore, "No WAL flush ran for the payout's commits.");
        Assert.Equal(1L, await app.Inside.ReadDatabaseAsync(SynchronousSettingAsync));
    }

    private static async Task<long> SynchronousSettingAsync(PayoutDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        await using var pragma = db.Database.GetDbConnection().CreateCommand();
        pragma.CommandText = "PRAGMA synchronous";
        return (long)(await pragma.ExecuteScalarAsync())!;
    }
}
