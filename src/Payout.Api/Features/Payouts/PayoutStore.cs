using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Payout.Api.Domain;
using Payout.Api.Domain.Limits;
using Payout.Api.Domain.Payouts;
using Payout.Api.Domain.Pricing;
using Payout.Api.Features.Offers;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary>The payouts table: every query on it, in one place.</summary>
public sealed class PayoutStore(PayoutDbContext db) : IKycLimitUsage
{
    /// <summary>
    /// Execute's first statement on PostgreSQL: the customer's row lock and its KYC level (as <see cref="Locks.LockCustomerReadingKycAsync"/>),
    /// and the id the new payout will have, drawn from the table's identity sequence in the same round trip.
    /// </summary>
    private const string LockCustomerDrawingIdSql =
        "SELECT kyc_level, nextval('payout_operations_id_seq') FROM customers WHERE id = $1 FOR UPDATE";

    /// <summary>Every column of a new payout but its failure reason (none: it starts PENDING).</summary>
    private const string InsertColumns = """
        offer_id, customer_id, card_id, status, amount_from, currency_from, amount_to, currency_to, rate, fee, partner_fee,
            total_debited, amount_to_eur, masked_pan, ledger_shard, created_at, updated_at
        """;

    private const string InsertValues = "{0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, {13}, {14}, {15}, {16}";

    private const string InsertWithIdSql = $"INSERT INTO payout_operations (id, {InsertColumns}) VALUES ({{17}}, {InsertValues})";

    private const string InsertReturningIdSql = $"INSERT INTO payout_operations ({InsertColumns}) VALUES ({InsertValues}) RETURNING id";

    private DbSet<PayoutOperation> Payouts => db.Set<PayoutOperation>();

    /// <summary>
    /// Locks the customer for execute and answers its KYC level as the locked row holds it (<see cref="Locks.LockCustomerReadingKycAsync"/>),
    /// with, on PostgreSQL, an id drawn for the payout execute may write: its insert can then travel in the ledger's first
    /// batch instead of a round trip of its own. A drawn id that is not used (a refusal, an execute answered again) is a
    /// gap in the ids, as a rolled-back insert leaves; ids mean nothing else. SQLite answers no id (see <see cref="InsertAsync"/>).
    /// </summary>
    public async Task<(KycLevel Level, long? PayoutId)> LockCustomerForExecuteAsync(long customerId, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            return (await db.LockCustomerReadingKycAsync(customerId, cancellationToken), null);
        }

        var transaction = (NpgsqlTransaction)(db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The customer's lock is taken inside the caller's transaction."));
        await using var command = new NpgsqlCommand(LockCustomerDrawingIdSql, transaction.Connection, transaction)
        {
            CommandTimeout = db.Database.GetCommandTimeout() ?? 30,
        };
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = customerId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (Enum.Parse<KycLevel>(reader.GetString(0)), reader.GetInt64(1))
            : throw new InvalidOperationException($"Customer {customerId} does not exist.");
    }

    /// <summary>The customer's lock of <see cref="LockCustomerForExecuteAsync"/> on PostgreSQL, as the first command of a caller's batch.</summary>
    public static NpgsqlBatchCommand LockCustomerDrawingIdCommand(long customerId)
    {
        var command = new NpgsqlBatchCommand(LockCustomerDrawingIdSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = customerId });
        return command;
    }

    /// <summary>
    /// Writes a new payout, not tracked, inside the caller's transaction. With an id drawn by <see cref="LockCustomerForExecuteAsync"/>
    /// it answers the insert as a statement for the caller's next batch; without (SQLite, in-process: a statement costs no round
    /// trip) it inserts now, sets the id the database gave, and answers no statement.
    /// </summary>
    public async Task<IReadOnlyList<SqlStatement>> InsertAsync(PayoutOperation payout, long? drawnId, CancellationToken cancellationToken)
    {
        object?[] values =
        [
            payout.OfferId, payout.CustomerId, payout.CardId, payout.Status.ToString(), payout.AmountFrom, payout.CurrencyFrom, payout.AmountTo,
            payout.CurrencyTo, payout.Rate, payout.Fee, payout.PartnerFee, payout.TotalDebited, payout.AmountToEur, payout.MaskedPan,
            payout.LedgerShard, payout.CreatedAt, payout.UpdatedAt,
        ];
        if (drawnId is { } id)
        {
            payout.Id = id;
            return [new SqlStatement(InsertWithIdSql, [.. values, id], ExpectedRows: 1)];
        }

        var inserted = await SqlBatch.ExecuteAsync(
            db, [new SqlStatement(InsertReturningIdSql, values, ExpectedRows: 1, Returns: true)],
            cancellationToken);
        payout.Id = inserted.Returned[0];
        return [];
    }

    public Task<PayoutOperation> GetAsync(long operationId, CancellationToken cancellationToken) =>
        Payouts.AsNoTracking().SingleAsync(p => p.Id == operationId, cancellationToken);

    /// <summary>The customer's own payout — or null, for someone else's as for a missing one.</summary>
    public Task<PayoutOperation?> FindAsync(long customerId, long operationId, CancellationToken cancellationToken) =>
        Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == operationId && p.CustomerId == customerId, cancellationToken);

    /// <summary>The payout with the fees its offer quoted, in one query: what settlement books.</summary>
    public Task<SettlingPayout> GetWithFeesAsync(long operationId, CancellationToken cancellationToken) =>
        Payouts.AsNoTracking()
            .Where(p => p.Id == operationId)
            .Join(db.Set<Offer>(), p => p.OfferId, o => o.Id,
                (p, o) => new SettlingPayout(p, new FeeBreakdown(o.TransactionFee, o.NetworkFee, o.AdditionalFee, o.PartnerFee)))
            .SingleAsync(cancellationToken);

    /// <summary>The customer's own payout with the fees its offer quoted, in one query — or null, for someone else's as for a missing one.</summary>
    public Task<SettlingPayout?> FindWithFeesAsync(long customerId, long operationId, CancellationToken cancellationToken) =>
        Payouts.AsNoTracking()
            .Where(p => p.Id == operationId && p.CustomerId == customerId)
            .Join(db.Set<Offer>(), p => p.OfferId, o => o.Id,
                (p, o) => new SettlingPayout(p, new FeeBreakdown(o.TransactionFee, o.NetworkFee, o.AdditionalFee, o.PartnerFee)))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Moves a PENDING payout to its final status; false when it was no longer PENDING (someone else moved it).</summary>
    public async Task<bool> FinishAsync(long operationId, PayoutStatus status, string? failureReason, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await SqlBatch.ExecuteAsync(db, [FinishStatement(operationId, status, failureReason, now)], cancellationToken)).Rows[0] == 1;

    /// <summary><see cref="FinishAsync"/> as a statement for the settlement's batch: one row written when it moved the payout.</summary>
    public static SqlStatement FinishStatement(long operationId, PayoutStatus status, string? failureReason, DateTimeOffset now) => new(
        "UPDATE payout_operations SET status = {1}, failure_reason = {2}, updated_at = {3} WHERE id = {0} AND status = 'PENDING'",
        [operationId, status.ToString(), failureReason, now]);

    /// <inheritdoc/>
    /// <remarks>One query on the (customer_id, created_at) index, reading only the two columns the rule needs.</remarks>
    public async Task<IReadOnlyList<CountedPayout>> CountedSinceAsync(long customerId, DateTimeOffset since, CancellationToken cancellationToken) =>
        await Payouts.AsNoTracking()
            .Where(p => p.CustomerId == customerId && p.CreatedAt >= since && p.Status != KycLimits.NotCounted)
            .OrderBy(p => p.CreatedAt)
            .Select(p => new CountedPayout(p.AmountToEur, p.CreatedAt))
            .ToListAsync(cancellationToken);

    /// <summary>A page of the customer's payouts, newest first, and how many match in all.</summary>
    public async Task<(IReadOnlyList<PayoutOperation> Items, int Total)> PageAsync(
        long customerId, PayoutStatus? status, string? currency, int offset, int size, CancellationToken cancellationToken)
    {
        var query = Payouts.AsNoTracking().Where(p => p.CustomerId == customerId);
        if (status is { } wanted)
        {
            query = query.Where(p => p.Status == wanted);
        }

        if (!string.IsNullOrEmpty(currency))
        {
            query = query.Where(p => p.CurrencyFrom == currency || p.CurrencyTo == currency);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip(offset).Take(size).ToListAsync(cancellationToken);
        return (items, total);
    }

    /// <summary>Payouts still PENDING after <paramref name="before"/>, oldest first, with their outbox entries.</summary>
    public async Task<IReadOnlyList<(PayoutOperation Payout, PayoutOutboxEntry Dispatch)>> StuckAsync(
        DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        var rows = await Payouts.AsNoTracking()
            .Where(p => p.Status == PayoutStatus.PENDING && p.CreatedAt < before)
            .Join(db.Set<PayoutOutboxEntry>(), p => p.Id, e => e.OperationId, (p, e) => new { p, e })
            .OrderBy(x => x.p.CreatedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(x => (x.p, x.e))];
    }

    /// <summary>How many payouts are PENDING right now (the in-flight gauge).</summary>
    public Task<long> CountPendingAsync(CancellationToken cancellationToken) =>
        Payouts.AsNoTracking().LongCountAsync(p => p.Status == PayoutStatus.PENDING, cancellationToken);
}
