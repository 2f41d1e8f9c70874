using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Limits;
using Payout.Api.Domain.Payouts;
using Payout.Api.Domain.Pricing;
using Payout.Api.Features.Offers;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary>The payouts table: every query on it, in one place.</summary>
public sealed class PayoutStore(PayoutDbContext db) : IKycLimitUsage
{
    /// <summary>Compiled once: every quote, <c>GET /data</c> and execute ask it (see <see cref="UsedEurSinceAsync"/>).</summary>
    private static readonly CompiledPerProvider<Func<PayoutDbContext, long, DateTimeOffset, CancellationToken, Task<decimal>>> UsedEurSince = new(() =>
        EF.CompileAsyncQuery((PayoutDbContext db, long customerId, DateTimeOffset since, CancellationToken cancellationToken) =>
            db.Set<PayoutOperation>()
                .Where(p => p.CustomerId == customerId && p.CreatedAt >= since && p.Status != KycLimits.NotCounted)
                .Sum(p => p.AmountToEur)));

    private DbSet<PayoutOperation> Payouts => db.Set<PayoutOperation>();

    public void Add(PayoutOperation payout) => Payouts.Add(payout);

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
    public Task<decimal> UsedEurSinceAsync(long customerId, DateTimeOffset since, CancellationToken cancellationToken) =>
        UsedEurSince.For(db)(db, customerId, since, cancellationToken);

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
    public long CountPending() => Payouts.AsNoTracking().LongCount(p => p.Status == PayoutStatus.PENDING);
}
