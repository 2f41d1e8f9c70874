using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Ledger;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Ledger;

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
        var postings = db.Set<LedgerPosting>();
        var accounts = db.Set<LedgerAccount>();

        var byCurrency = await postings
            .GroupBy(p => p.Currency)
            .Select(g => new { Currency = g.Key, Sum = g.Sum(p => p.Amount) })
            .ToListAsync(cancellationToken);
        violations.AddRange(byCurrency.Where(c => c.Sum != 0).Select(c => $"Postings in {c.Currency} sum to {c.Sum}, not 0."));

        var mismatched = await accounts
            .Select(a => new
            {
                a.Code,
                a.Balance,
                Posted = postings.Where(p => p.AccountId == a.Id).Sum(p => (decimal?)p.Amount) ?? 0m,
            })
            .Where(a => a.Balance != a.Posted)
            .ToListAsync(cancellationToken);
        violations.AddRange(mismatched.Select(a => $"Account {a.Code} has balance {a.Balance} but its postings sum to {a.Posted}."));

        var negative = await accounts
            .Where(a => (a.Type == AccountType.CustomerWallet || a.Type == AccountType.NetworkFloat) && a.Balance < 0)
            .Select(a => a.Code)
            .ToListAsync(cancellationToken);
        violations.AddRange(negative.Select(code => $"Account {code} is below zero."));

        return violations;
    }
}
