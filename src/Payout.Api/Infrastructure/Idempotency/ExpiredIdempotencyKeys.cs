using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Housekeeping;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Infrastructure.Idempotency;

/// <summary>Keys past their 24 hours: a request with one is a new request anyway (<see cref="IdempotencyStore"/>).</summary>
public sealed class ExpiredIdempotencyKeys(PayoutDbContext db) : IHousekeepingPurge
{
    public string Name => "expired idempotency keys";

    /// <summary>The oldest first, through the index on <c>expires_at</c>.</summary>
    public Task<int> DeleteBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>()
            .Where(r => r.ExpiresAt <= now)
            .OrderBy(r => r.ExpiresAt)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);
}
