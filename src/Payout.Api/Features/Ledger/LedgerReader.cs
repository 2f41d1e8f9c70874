using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Ledger;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Ledger;

public sealed record CurrencyBalance(string Currency, decimal Balance);

public sealed class LedgerReader(PayoutDbContext db)
{
    public Task<decimal> WalletBalanceAsync(long customerId, string currency, CancellationToken cancellationToken) =>
        BalanceAsync(AccountKey.Wallet(customerId, currency), cancellationToken);

    /// <summary>A house account's balance: the sum of its shards.</summary>
    public Task<decimal> HouseBalanceAsync(AccountType type, string currency, CancellationToken cancellationToken) =>
        db.LedgerAccounts
            .Where(a => a.CustomerId == null && a.Type == type && a.Currency == currency)
            .SumAsync(a => a.Balance, cancellationToken);

    /// <summary>An account that was never used has no row yet: its balance is 0.</summary>
    private async Task<decimal> BalanceAsync(AccountKey account, CancellationToken cancellationToken)
    {
        var code = account.Code;
        return await db.LedgerAccounts.Where(a => a.Code == code).Select(a => (decimal?)a.Balance).SingleOrDefaultAsync(cancellationToken) ?? 0m;
    }

    public async Task<Dictionary<string, decimal>> WalletBalancesAsync(long customerId, CancellationToken cancellationToken) =>
        await db.LedgerAccounts
            .Where(a => a.CustomerId == customerId && a.Type == AccountType.CustomerWallet)
            .ToDictionaryAsync(a => a.Currency, a => a.Balance, StringComparer.Ordinal, cancellationToken);
}

/// <summary>
/// The ledger's invariant (spec §10), computed by the database: every currency's postings sum to zero,
/// every account's balance equals the sum of its postings, no wallet is below zero.
/// Tests call it after anything that moves money; operators can too.
/// </summary>
public sealed class LedgerInvariant(PayoutDbContext db)
{
    public async Task<IReadOnlyList<string>> FindViolationsAsync(CancellationToken cancellationToken)
    {
        var violations = new List<string>();

        var byCurrency = await db.LedgerPostings
            .GroupBy(p => p.Currency)
            .Select(g => new { Currency = g.Key, Sum = g.Sum(p => p.Amount) })
            .ToListAsync(cancellationToken);
        violations.AddRange(byCurrency.Where(c => c.Sum != 0).Select(c => $"Postings in {c.Currency} sum to {c.Sum}, not 0."));

        var mismatched = await db.LedgerAccounts
            .Select(a => new
            {
                a.Code,
                a.Balance,
                Posted = db.LedgerPostings.Where(p => p.AccountId == a.Id).Sum(p => (decimal?)p.Amount) ?? 0m,
            })
            .Where(a => a.Balance != a.Posted)
            .ToListAsync(cancellationToken);
        violations.AddRange(mismatched.Select(a => $"Account {a.Code} has balance {a.Balance} but its postings sum to {a.Posted}."));

        var negative = await db.LedgerAccounts
            .Where(a => (a.Type == AccountType.CustomerWallet || a.Type == AccountType.NetworkFloat) && a.Balance < 0)
            .Select(a => a.Code)
            .ToListAsync(cancellationToken);
        violations.AddRange(negative.Select(code => $"Account {code} is below zero."));

        return violations;
    }
}
