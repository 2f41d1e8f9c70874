using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Events;

/// <summary>The webhook outbox (<see cref="WebhookDelivery"/>): every query on it, in one place.</summary>
public sealed class WebhookDeliveries(PayoutDbContext db)
{
    /// <summary>
    /// Claims due, unleased deliveries that are the oldest pending one of their object, oldest first. On PostgreSQL with
    /// <c>FOR UPDATE SKIP LOCKED</c>, so processes claim disjoint batches; SQLite's single writer does the same.
    /// While a delivery is pending (leased or backing off) the later ones of its object wait behind it.
    /// </summary>
    private const string ClaimSql = """
        UPDATE webhook_deliveries SET lease_until = {0}, lease_owner = {1}
        WHERE sequence IN (
            SELECT d.sequence FROM webhook_deliveries d
            WHERE d.state = 'Pending' AND d.due_at <= {2} AND (d.lease_until IS NULL OR d.lease_until < {2})
                AND NOT EXISTS (
                    SELECT 1 FROM webhook_deliveries earlier
                    WHERE earlier.ordering_key = d.ordering_key AND earlier.state = 'Pending' AND earlier.sequence < d.sequence)
            ORDER BY d.sequence LIMIT {3}
            /* lock */)
        RETURNING sequence AS "Value"
        """;

    private DbSet<WebhookDelivery> Deliveries => db.Set<WebhookDelivery>();

    public async Task<List<long>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        var postgres = db.Provider == DatabaseProvider.Postgres;
        object At(DateTimeOffset instant) => postgres ? instant : instant.UtcTicks;
        var sql = postgres ? ClaimSql.Replace("/* lock */", "FOR UPDATE OF d SKIP LOCKED", StringComparison.Ordinal) : ClaimSql;
        return await db.Database.SqlQueryRaw<long>(sql, At(leaseUntil), owner, At(now), limit).ToListAsync(cancellationToken);
    }

    /// <summary>How many deliveries are pending, and since when the oldest of them (null when none).</summary>
    public async Task<(long Pending, DateTimeOffset? Oldest)> BacklogAsync(CancellationToken cancellationToken)
    {
        var pending = Deliveries.AsNoTracking().Where(d => d.State == WebhookDeliveryState.Pending);
        var count = await pending.LongCountAsync(cancellationToken);
        var oldest = count == 0
            ? null
            : await pending.OrderBy(d => d.Sequence).Select(d => (DateTimeOffset?)d.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return (count, oldest);
    }

    public Task<WebhookDelivery> GetAsync(long sequence, CancellationToken cancellationToken) =>
        Deliveries.AsNoTracking().SingleAsync(d => d.Sequence == sequence, cancellationToken);

    /// <summary>Answered 2xx: done, and the object's next delivery may go. False when this process no longer held it.</summary>
    public async Task<bool> MarkDeliveredAsync(long sequence, string owner, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Held(sequence, owner).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.State, WebhookDeliveryState.Delivered)
            .SetProperty(d => d.Attempts, d => d.Attempts + 1)
            .SetProperty(d => d.DeliveredAt, now)
            .SetProperty(d => d.LastError, (string?)null)
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(d => d.LeaseOwner, (string?)null), cancellationToken) == 1;

    /// <summary>Not answered 2xx: try again at <paramref name="dueAt"/>; the object's later deliveries keep waiting.</summary>
    public async Task<bool> RetryLaterAsync(long sequence, string owner, DateTimeOffset dueAt, string error, CancellationToken cancellationToken) =>
        await Held(sequence, owner).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Attempts, d => d.Attempts + 1)
            .SetProperty(d => d.DueAt, dueAt)
            .SetProperty(d => d.LastError, error)
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(d => d.LeaseOwner, (string?)null), cancellationToken) == 1;

    /// <summary>The merchant has no webhook any more: nothing to send it to.</summary>
    public async Task<bool> DropAsync(long sequence, string owner, CancellationToken cancellationToken) =>
        await Held(sequence, owner).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.State, WebhookDeliveryState.Dropped)
            .SetProperty(d => d.LastError, "The merchant has no webhook configured.")
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(d => d.LeaseOwner, (string?)null), cancellationToken) == 1;

    private IQueryable<WebhookDelivery> Held(long sequence, string owner) =>
        Deliveries.Where(d => d.Sequence == sequence && d.LeaseOwner == owner && d.State == WebhookDeliveryState.Pending);
}
