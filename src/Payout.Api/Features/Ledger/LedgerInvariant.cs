using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Limits;
using Payout.Api.Domain.Money;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Ledger;

/// <summary>
/// The ledger's invariant (spec §10), computed by the database: every currency's postings sum to zero,
/// every account's balance equals the sum of its postings, no wallet is below zero; and the KYC limit's daily sums the
/// database keeps agree with the payouts. Tests call it after anything that moves money; operators can too.
/// </summary>
public sealed class LedgerInvariant(PayoutDbContext db)
{
    /// <summary>
    /// Both sums from ONE pass over the postings (a hash aggregate by account and currency, then summed twice):
    /// a per-account subquery was one index lookup per account and did not finish in 30 s at 9 million postings.
    /// Sums come back as text: numeric on PostgreSQL, whole units of 10^-8 on SQLite (<see cref="DecimalUnitsConverter"/>).
    /// </summary>
    private const string SumsSql = """
        WITH sums AS MATERIALIZED (
            SELECT account_id, currency, SUM(amount) AS posted FROM ledger_postings GROUP BY account_id, currency)
        SELECT 'currency' AS "Kind", currency AS "Subject", CAST(SUM(posted) AS TEXT) AS "Posted", '0' AS "Balance"
        FROM sums GROUP BY currency HAVING SUM(posted) <> 0
        UNION ALL
        SELECT 'account', a.code, CAST(COALESCE(s.posted, 0) AS TEXT), CAST(a.balance AS TEXT)
        FROM ledger_accounts a LEFT JOIN (SELECT account_id, SUM(posted) AS posted FROM sums GROUP BY account_id) s
            ON s.account_id = a.id
        WHERE a.balance <> COALESCE(s.posted, 0)
        """;

    /// <summary>
    /// What <c>kyc_limit_days</c> must hold, computed from the payouts themselves: every customer's counted payouts summed
    /// by UTC day (columns <c>customer_id, epoch_day, used_eur</c>), the day of an instant as each provider's triggers compute
    /// it. The check below compares the table with it; a bulk load that bypassed the triggers fills the table from it.
    /// </summary>
    public static string KycLimitDaysFromPayoutsSql(DatabaseProvider provider) => $"""
        SELECT customer_id, {(provider == DatabaseProvider.Sqlite
            ? "(created_at - 621355968000000000) / 864000000000"
            : "floor(extract(epoch FROM created_at) / 86400)::integer")} AS epoch_day, SUM(amount_to_eur) AS used_eur
        FROM payout_operations WHERE status <> '{KycLimits.NotCounted}' GROUP BY 1, 2
        """;

    /// <summary>
    /// The KYC limit's daily sums the triggers keep (<c>kyc_limit_days</c>) against the payouts themselves: every customer and
    /// day where they differ. Not money, but the figure every payout's limit check reads; a bulk load with triggers off
    /// would leave it wrong without a word. Both sides are stacked and summed per day (one sort of each), not joined: SQLite
    /// runs a <c>FULL JOIN</c> with an aggregate as a nested loop, which at a million payouts did not end in ten minutes.
    /// The columns in the model's snake_case, which the result type's names are mapped to.
    /// </summary>
    private static string KycLimitDaysSql(DatabaseProvider provider) => $"""
        WITH counted AS ({KycLimitDaysFromPayoutsSql(provider)}),
        both_sides AS (
            SELECT customer_id, epoch_day, used_eur AS kept, 0 AS counted FROM kyc_limit_days
            UNION ALL
            SELECT customer_id, epoch_day, 0, used_eur FROM counted)
        SELECT customer_id, epoch_day, CAST(SUM(kept) AS TEXT) AS kept, CAST(SUM(counted) AS TEXT) AS counted
        FROM both_sides GROUP BY customer_id, epoch_day HAVING SUM(kept) <> SUM(counted)
        """;

    public async Task<IReadOnlyList<string>> FindViolationsAsync(CancellationToken cancellationToken)
    {
        // The reads share one snapshot, on a connection of their own: they see one moment of the ledger, and, a second or
        // more at a million payouts, no other request's statement waits behind them on a multiplexed connection (docs/decisions.md).
        await using var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken);
        var sums = await db.Database.SqlQueryRaw<SumViolation>(SumsSql).ToListAsync(cancellationToken);
        var violations = sums.Select(sum => Describe(sum, db.Provider)).ToList();

        var negative = await db.Set<LedgerAccount>()
            .Where(a => (a.Type == AccountType.CustomerWallet || a.Type == AccountType.NetworkFloat) && a.Balance < 0)
            .Select(a => a.Code)
            .ToListAsync(cancellationToken);
        violations.AddRange(negative.Select(code => $"Account {code} is below zero."));

        var limitDays = await db.Database.SqlQueryRaw<LimitDayViolation>(KycLimitDaysSql(db.Provider)).ToListAsync(cancellationToken);
        violations.AddRange(limitDays.Select(day =>
            $"Customer {day.CustomerId}'s KYC limit used on {KycLimits.StartOfDay(day.EpochDay):yyyy-MM-dd} is kept as " +
            $"{Amount(day.Kept, db.Provider)} but its payouts count {Amount(day.Counted, db.Provider)}."));

        return violations;
    }

    private static string Describe(SumViolation sum, DatabaseProvider provider) => sum.Kind == "currency"
        ? $"Postings in {sum.Subject} sum to {Amount(sum.Posted, provider)}, not 0."
        : $"Account {sum.Subject} has balance {Amount(sum.Balance, provider)} but its postings sum to {Amount(sum.Posted, provider)}.";

    private static decimal Amount(string stored, DatabaseProvider provider) => provider == DatabaseProvider.Sqlite
        ? DecimalUnitsConverter.FromUnits(long.Parse(stored, CultureInfo.InvariantCulture))
        : Rounding.Normalize(decimal.Parse(stored, CultureInfo.InvariantCulture));

    private sealed record SumViolation(string Kind, string Subject, string Posted, string Balance);

    private sealed record LimitDayViolation(long CustomerId, int EpochDay, string Kept, string Counted);
}
