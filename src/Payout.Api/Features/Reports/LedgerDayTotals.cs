using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Reports;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Reports;

/// <summary>
/// The two sums behind the daily report, computed by the database on both providers (amounts are int64 units on
/// SQLite, numeric on PostgreSQL; instants ticks or timestamptz) and read in one snapshot, so a payout written
/// meanwhile is in both sums or in neither. Both filter on <c>ledger_postings.created_at</c> through
/// <see cref="ReportIndexes"/>; a posting's instant is its transaction's, so the day's postings are the day's transactions.
/// </summary>
public sealed class LedgerDayTotals(PayoutDbContext db)
{
    public async Task<IReadOnlyList<CurrencyDay>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var balances = await BalancesAsync(from, to, cancellationToken);
        var movements = await MovementsAsync(from, to, cancellationToken);
        await snapshot.CommitAsync(cancellationToken);
        return DailyLedgerReport.Build(balances, movements);
    }

    /// <summary>Per currency and account type: the postings before the day (opening) and before the next day (closing).</summary>
    private async Task<List<AccountTypeBalances>> BalancesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await db.LedgerPostings.AsNoTracking()
            .Where(p => p.CreatedAt < to)
            .Join(db.LedgerAccounts, p => p.AccountId, a => a.Id, (p, a) => new { a.Currency, a.Type, p.Amount, p.CreatedAt })
            .GroupBy(x => new { x.Currency, x.Type })
            .Select(g => new
            {
                g.Key.Currency,
                g.Key.Type,
                Opening = g.Sum(x => x.CreatedAt < from ? x.Amount : 0m),
                Closing = g.Sum(x => x.Amount),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new AccountTypeBalances(r.Currency, r.Type, Tidy(r.Opening), Tidy(r.Closing)))];
    }

    /// <summary>Per currency, account type and kind of ledger transaction: the postings during the day.</summary>
    private async Task<List<AccountTypeMovement>> MovementsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await db.LedgerPostings.AsNoTracking()
            .Where(p => p.CreatedAt >= from && p.CreatedAt < to)
            .Join(db.LedgerAccounts, p => p.AccountId, a => a.Id, (p, a) => new { a.Currency, a.Type, p.Amount, p.TransactionId })
            .Join(db.LedgerTransactions, x => x.TransactionId, t => t.Id, (x, t) => new { x.Currency, x.Type, t.Kind, x.Amount })
            .GroupBy(x => new { x.Currency, x.Type, x.Kind })
            .Select(g => new { g.Key.Currency, g.Key.Type, g.Key.Kind, Amount = g.Sum(x => x.Amount) })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new AccountTypeMovement(r.Currency, r.Type, r.Kind, Tidy(r.Amount)))];
    }

    /// <summary>PostgreSQL answers numeric(30,8) sums with trailing zeros; the report prints alike on both databases.</summary>
    private static decimal Tidy(decimal value) => Domain.Money.Rounding.Normalize(value);
}
