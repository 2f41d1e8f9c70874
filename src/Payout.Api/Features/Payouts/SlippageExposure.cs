using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary>The slippage band's executions (<see cref="SlippageExecution"/>): every query on them, in one place.</summary>
public sealed class SlippageExposure(PayoutDbContext db)
{
    /// <summary>Any constant: the advisory lock's name for "the band's exposure".</summary>
    private const long ExposureLockKey = 0x5_1199_A6E;

    private DbSet<SlippageExecution> Executions => db.Set<SlippageExecution>();

    public void Add(SlippageExecution execution) => Executions.Add(execution);

    /// <summary>
    /// The exposure taken since <paramref name="since"/>, read under a lock held to the end of the caller's transaction, so
    /// two executes cannot both fit under the cap with the room for one. Only executes that use the band take it (on
    /// PostgreSQL an advisory lock; SQLite's transaction already holds the write lock).
    /// </summary>
    public async Task<decimal> TakenSinceWithLockAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ExposureLockKey})", cancellationToken);
        }

        return await TakenSinceAsync(since, cancellationToken);
    }

    public Task<decimal> TakenSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Executions.Where(s => s.CreatedAt >= since).SumAsync(s => s.ExposureEur, cancellationToken);
}
