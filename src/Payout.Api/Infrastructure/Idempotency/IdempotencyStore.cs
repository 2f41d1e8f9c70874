using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Infrastructure.Idempotency;

/// <summary>The rows behind the keys; every decision is one insert or one conditional update.</summary>
public sealed class IdempotencyStore(PayoutDbContext db, TimeProvider clock)
{
    /// <summary>How long a key is remembered.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>A running request that holds its key longer than this has died; another may take the key over.</summary>
    private static readonly TimeSpan RunningLock = TimeSpan.FromMinutes(1);

    /// <summary>Claims the key for this request.</summary>
    /// <returns>Null when this request now holds the key; otherwise the earlier request's record, to answer from.</returns>
    public async Task<IdempotencyRecord?> ClaimAsync(string scope, string key, string hash, CancellationToken cancellationToken)
    {
        var (claimed, earlier) = await TryClaimAsync(scope, key, hash, cancellationToken);
        if (claimed || earlier is not null)
        {
            return earlier;
        }

        // The earlier row vanished between our insert and our takeover (the housekeeping purge of expired keys): the key
        // is free now, and inserting again claims it.
        (claimed, earlier) = await TryClaimAsync(scope, key, hash, cancellationToken);
        return claimed ? null : earlier ?? throw new InvalidOperationException("An Idempotency-Key row vanished twice while it was claimed.");
    }

    private async Task<(bool Claimed, IdempotencyRecord? Earlier)> TryClaimAsync(string scope, string key, string hash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        db.Add(new IdempotencyRecord
        {
            Scope = scope, Key = key, RequestHash = hash, CreatedAt = now, LockedUntil = now + RunningLock, ExpiresAt = now + Lifetime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (true, null);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
        }

        // Expired, or abandoned mid-request by a process that died: take it over with one conditional update.
        var takenOver = await db.Set<IdempotencyRecord>()
            .Where(r => r.Scope == scope && r.Key == key && (r.ExpiresAt <= now || (r.StatusCode == null && r.LockedUntil <= now)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.RequestHash, hash)
                .SetProperty(r => r.StatusCode, (int?)null)
                .SetProperty(r => r.ResponseBody, (string?)null)
                .SetProperty(r => r.CreatedAt, now)
                .SetProperty(r => r.LockedUntil, now + RunningLock)
                .SetProperty(r => r.ExpiresAt, now + Lifetime), cancellationToken);
        return takenOver == 1
            ? (true, null)
            : (false, await db.Set<IdempotencyRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken));
    }

    public Task CompleteAsync(string scope, string key, int status, string body, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>().Where(r => r.Scope == scope && r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, status).SetProperty(r => r.ResponseBody, body), cancellationToken);

    public Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>().Where(r => r.Scope == scope && r.Key == key && r.StatusCode == null)
            .ExecuteDeleteAsync(cancellationToken);
}
