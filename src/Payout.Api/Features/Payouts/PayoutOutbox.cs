using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// The outbox table (<see cref="PayoutOutboxEntry"/>): every query on it, in one place. Entries are leased, so
/// several processes share the work and never hold one entry at the same time.
/// </summary>
public sealed class PayoutOutbox(PayoutDbContext db)
{
    /// <summary>Process identity for leases (several API processes share one database).</summary>
    public static readonly string Owner = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Entries one claim takes; the dispatcher works on them side by side.</summary>
    public const int ClaimBatchSize = 20;

    /// <summary>Claims up to <see cref="ClaimBatchSize"/> due, unleased entries for this process and answers their ids.</summary>
    private static readonly string ClaimSql = $$"""
        UPDATE payout_outbox SET lease_until = {0}, lease_owner = {1}
        WHERE operation_id IN (
            SELECT operation_id FROM payout_outbox
            WHERE state <> 'Done' AND due_at <= {2} AND (lease_until IS NULL OR lease_until < {2})
            ORDER BY due_at LIMIT {{ClaimBatchSize}}
            /* lock */)
        RETURNING operation_id AS "Value"
        """;

    private DbSet<PayoutOutboxEntry> Entries => db.Set<PayoutOutboxEntry>();

    public void Add(PayoutOutboxEntry entry) => Entries.Add(entry);

    public Task<PayoutOutboxEntry> GetAsync(long operationId, CancellationToken cancellationToken) =>
        Entries.AsNoTracking().SingleAsync(e => e.OperationId == operationId, cancellationToken);

    /// <summary>
    /// Claims due entries in a batch. On PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so processes claim disjoint
    /// batches without waiting; SQLite has one writer at a time and stores instants as UTC ticks.
    /// </summary>
    public async Task<List<long>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var postgres = db.Provider == DatabaseProvider.Postgres;
        object At(DateTimeOffset instant) => postgres ? instant : instant.UtcTicks;
        var sql = postgres ? ClaimSql.Replace("/* lock */", "FOR UPDATE SKIP LOCKED", StringComparison.Ordinal) : ClaimSql;
        return await db.Database.SqlQueryRaw<long>(sql, At(leaseUntil), Owner, At(now)).ToListAsync(cancellationToken);
    }

    /// <summary>Takes one entry's lease if it is free (and due, unless <paramref name="evenIfNotDue"/>); false when someone else holds it.</summary>
    public async Task<bool> TryLeaseAsync(long operationId, bool evenIfNotDue, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        await Entries
            .Where(e => e.OperationId == operationId && e.State != DispatchState.Done
                && (evenIfNotDue || e.DueAt <= now)
                && (e.LeaseUntil == null || e.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseUntil, leaseUntil).SetProperty(e => e.LeaseOwner, Owner), cancellationToken) == 1;

    /// <summary>Records an attempt and gives the lease back (only while this process holds it).</summary>
    public Task ReleaseAsync(
        long operationId, DispatchState state, DateTimeOffset dueAt, int attempts, string? error, DateTimeOffset now, CancellationToken cancellationToken) =>
        Entries
            .Where(e => e.OperationId == operationId && e.LeaseOwner == Owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.State, state)
                .SetProperty(e => e.DueAt, dueAt)
                .SetProperty(e => e.Attempts, attempts)
                .SetProperty(e => e.LastError, error)
                .SetProperty(e => e.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(e => e.LeaseOwner, (string?)null)
                .SetProperty(e => e.UpdatedAt, now), cancellationToken);

    /// <summary>A new payout's entry, already leased to this process (its request sends it now), as a statement for the execute's batch.</summary>
    public static SqlStatement LeasedEntryStatement(long operationId, DateTimeOffset dueAt, DateTimeOffset leaseUntil, DateTimeOffset now) => new(
        "INSERT INTO payout_outbox (operation_id, state, due_at, attempts, lease_owner, lease_until, updated_at) VALUES ({0}, 'Queued', {1}, 0, {2}, {3}, {4})",
        [operationId, dueAt, Owner, leaseUntil, now], ExpectedRows: 1);

    /// <summary>
    /// The payout is final, as a statement for the settlement's batch: its entry has nothing left to do. With
    /// <paramref name="attempts"/> (a dispatcher that holds the lease settles it) the attempt is counted and the lease given back.
    /// </summary>
    public static SqlStatement DoneStatement(long operationId, DateTimeOffset now, int? attempts) => attempts is { } counted
        ? new("UPDATE payout_outbox SET state = 'Done', updated_at = {1}, due_at = {1}, attempts = {2}, last_error = NULL, lease_until = NULL, lease_owner = NULL WHERE operation_id = {0}",
            [operationId, now, counted])
        : new("UPDATE payout_outbox SET state = 'Done', updated_at = {1} WHERE operation_id = {0}", [operationId, now]);
}
