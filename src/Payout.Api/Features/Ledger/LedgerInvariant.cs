using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Money;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Ledger;

/// <summary>
/// The ledger's invariant (spec §10), computed by the database: every currency's postings sum to zero,
/// every account's balance equals the sum of its postings, no wallet is below zero.
/// Tests call it after anything that moves money; operators can too.
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

    public async Task<IReadOnlyList<string>> FindViolationsAsync(CancellationToken cancellationToken)
    {
        var sums = await db.Database.SqlQueryRaw<SumViolation>(SumsSql).ToListAsync(cancellationToken);
        var violations = sums.Select(sum => Describe(sum, db.Provider)).ToList();

        var negative = await db.Set<LedgerAccount>()
            .Where(a => (a.Type == AccountType.CustomerWallet || a.Type == AccountType.NetworkFloat) && a.Balance < 0)
            .Select(a => a.Code)
            .ToListAsync(cancellationToken);
        violations.AddRange(negative.Select(code => $"Account {code} is below zero."));

        return violations;
    }

    private static string Describe(SumViolation sum, DatabaseProvider provider)
    {
        decimal Amount(string stored) => provider == DatabaseProvider.Sqlite
            ? DecimalUnitsConverter.FromUnits(long.Parse(stored, CultureInfo.InvariantCulture))
            : Rounding.Normalize(decimal.Parse(stored, CultureInfo.InvariantCulture));
        return sum.Kind == "currency"
            ? $"Postings in {sum.Subject} sum to {Amount(sum.Posted)}, not 0."
            : $"Account {sum.Subject} has balance {Amount(sum.Balance)} but its postings sum to {Amount(sum.Posted)}.";
    }

    private sealed record SumViolation(string Kind, string Subject, string Posted, string Balance);
}
