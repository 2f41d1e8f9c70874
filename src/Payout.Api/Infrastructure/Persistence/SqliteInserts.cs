using Payout.Api.Infrastructure.Batching;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// SQLite: single-row inserts that need no transaction of their own (a new offer), many per turn of the write lock
/// (group commit). SQLite writes one transaction at a time, and each turn pays for handing the lock over, the commit and
/// the WAL's header: an insert waits while the previous turn commits, then every insert that waited (up to 32) commits
/// in one transaction. Alone, an insert commits at once. A batch that fails is inserted again row by row, so a refused
/// row (a constraint) fails alone. PostgreSQL needs none of it: the insert travels with its request's read, one round
/// trip, and PostgreSQL shares WAL flushes between concurrent commits itself.
/// </summary>
public sealed class SqliteInserts : BackgroundService
{
    public const int MaxBatch = 32;

    private readonly IServiceScopeFactory scopes;
    private readonly BatchingQueue<SqlStatement, long> queue;

    public SqliteInserts(IServiceScopeFactory scopes, ILogger<SqliteInserts> logger)
    {
        this.scopes = scopes;
        queue = new BatchingQueue<SqlStatement, long>(InsertAsync, MaxBatch, (e, size) =>
            logger.LogWarning(e, "Inserting {Count} rows together failed; inserting each on its own", size));
    }

    /// <param name="insert">An <c>INSERT … RETURNING id</c> of one row (<see cref="SqlStatement.Returns"/>).</param>
    /// <returns>The new row's id, once it is committed.</returns>
    public Task<long> InsertReturningIdAsync(SqlStatement insert) =>
        insert.Returns ? queue.ProcessAsync(insert) : throw new ArgumentException("The insert must answer its id.", nameof(insert));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => queue.RunAsync(stoppingToken);

    private async Task<IReadOnlyList<long>> InsertAsync(IReadOnlyList<SqlStatement> inserts)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PayoutDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var ids = (await SqlBatch.ExecuteAsync(db, inserts, CancellationToken.None)).Returned;
        await transaction.CommitAsync();
        return ids.Count == inserts.Count ? ids : throw new InvalidOperationException($"{inserts.Count} inserts answered {ids.Count} ids.");
    }
}
