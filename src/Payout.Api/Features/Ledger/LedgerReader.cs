using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Ledger;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Ledger;

/// <summary>Balances, read from the accounts' running balances (see <see cref="LedgerAccount"/>).</summary>
public sealed class LedgerReader(PayoutDbContext db)
{
    public Task<decimal> WalletBalanceAsync(long customerId, string currency, CancellationToken cancellationToken) =>
        BalanceAsync(AccountKey.Wallet(customerId, currency), cancellationToken);

    public Task<decimal> HouseBalanceAsync(AccountType type, string currency, CancellationToken cancellationToken) =>
        BalanceAsync(AccountKey.House(type, currency), cancellationToken);

    /// <summary>All the customer's wallets at once, by currency (absent: 0).</summary>
    public async Task<Dictionary<string, decimal>> WalletBalancesAsync(long customerId, CancellationToken cancellationToken) =>
        await db.Set<LedgerAccount>()
            .Where(a => a.CustomerId == customerId && a.Type == AccountType.CustomerWallet)
            .ToDictionaryAsync(a => a.Currency, a => a.Balance, StringComparer.Ordinal, cancellationToken);

    /// <summary>The ledger transactions of one payout (its debit, then its settle or refund), oldest first: one indexed query.</summary>
    public async Task<IReadOnlyList<LedgerTransactionRecord>> PayoutTransactionsAsync(long operationId, CancellationToken cancellationToken) =>
        await db.Set<LedgerTransactionRecord>().AsNoTracking()
            .Where(t => t.PayoutOperationId == operationId)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);

    /// <summary>An account that was never used has no row yet: its balance is 0.</summary>
    private async Task<decimal> BalanceAsync(AccountKey account, CancellationToken cancellationToken)
    {
        var code = account.Code;
        return await db.Set<LedgerAccount>().Where(a => a.Code == code).Select(a => (decimal?)a.Balance).SingleOrDefaultAsync(cancellationToken) ?? 0m;
    }
}
