using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Reports;
using Payout.Api.Features.Ledger;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Reports;

/// <summary>
/// The sums behind the daily report, computed by the database on both providers (amounts are int64 units on SQLite,
/// numeric on PostgreSQL; instants ticks or timestamptz) and read in one snapshot, so a payout written meanwhile is
/// in every sum or in none.
/// <para>
/// A balance at an instant is the sum of the postings before it, read as "the account's balance now minus the
/// postings since": exact, because the balance changes in the same transaction as its postings (the invariant
/// checker proves it), and it reads only the postings since the day began, through the index on their instant,
/// instead of the whole ledger. Yesterday's report costs the same in a year as today.
/// </para>
/// </summary>
public sealed class LedgerDayTotals(PayoutDbContext db)
{
    public async Task<IReadOnlyList<CurrencyDay>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var now = await BalancesNowAsync(cancellationToken);
        var after = await PostedSinceAsync(to, cancellationToken);
        var during = await MovementsAsync(from, to, cancellationToken);
        await snapshot.CommitAsync(cancellationToken);

        var balances = now.Select(b =>
        {
            var closing = b.Amount - after.Where(a => a.Currency == b.Currency && a.Type == b.Type).Sum(a => a.Amount);
            var moved = during.Where(m => m.Currency == b.Currency && m.Type == b.Type).Sum(m => m.Amount);
            return new AccountTypeBalances(b.Currency, b.Type, Tidy(closing - moved), Tidy(closing));
        });
        return DailyLedgerReport.Build(balances, during.Select(m => m with { Amount = Tidy(m.Amount) }));
    }

    /// <summary>Per currency and account type: the balance now (every customer's wallet summed into one).</summary>
    private async Task<List<TypeSum>> BalancesNowAsync(CancellationToken cancellationToken) =>
        await db.Set<LedgerAccount>().AsNoTracking()
            .GroupBy(a => new { a.Currency, a.Type })
            .Select(g => new TypeSum(g.Key.Currency, g.Key.Type, g.Sum(a => a.Balance)))
            .ToListAsync(cancellationToken);

    /// <summary>Per currency and account type: the postings from <paramref name="instant"/> on.</summary>
    private async Task<List<TypeSum>> PostedSinceAsync(DateTimeOffset instant, CancellationToken cancellationToken) =>
        await db.Set<LedgerPosting>().AsNoTracking()
            .Where(p => p.CreatedAt >= instant)
            .Join(db.Set<LedgerAccount>(), p => p.AccountId, a => a.Id, (p, a) => new { a.Currency, a.Type, p.Amount })
            .GroupBy(x => new { x.Currency, x.Type })
            .Select(g => new TypeSum(g.Key.Currency, g.Key.Type, g.Sum(x => x.Amount)))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Per currency, account type and kind of ledger transaction: the postings during the day. A posting carries its
    /// transaction's instant, so both sides of the join are ranges of their instant index.
    /// </summary>
    private async Task<List<AccountTypeMovement>> MovementsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await db.Set<LedgerPosting>().AsNoTracking()
            .Where(p => p.CreatedAt >= from && p.CreatedAt < to)
            .Join(db.Set<LedgerTransactionRecord>().Where(t => t.CreatedAt >= from && t.CreatedAt < to), p => p.TransactionId, t => t.Id,
                (p, t) => new { p.AccountId, p.Amount, t.Kind })
            .Join(db.Set<LedgerAccount>(), x => x.AccountId, a => a.Id, (x, a) => new { a.Currency, a.Type, x.Kind, x.Amount })
            .GroupBy(x => new { x.Currency, x.Type, x.Kind })
            .Select(g => new AccountTypeMovement(g.Key.Currency, g.Key.Type, g.Key.Kind, g.Sum(x => x.Amount)))
            .ToListAsync(cancellationToken);

    /// <summary>PostgreSQL answers numeric(30,8) sums with trailing zeros; the report prints alike on both databases.</summary>
    private static decimal Tidy(decimal value) => Domain.Money.Rounding.Normalize(value);

    private sealed record TypeSum(string Currency, Domain.Ledger.AccountType Type, decimal Amount);
}
