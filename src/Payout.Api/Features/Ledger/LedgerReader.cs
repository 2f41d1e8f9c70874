using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Ledger;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Ledger;

/// <summary>Balances, read from the accounts' running balances (see <see cref="LedgerAccount"/>).</summary>
public sealed class LedgerReader(PayoutDbContext db)
{
    /// <summary>Compiled once: every quote and <c>GET /data</c> read the wallets (see <see cref="WalletBalancesAsync"/>).</summary>
    private static readonly CompiledPerProvider<Func<PayoutDbContext, long, IAsyncEnumerable<KeyValuePair<string, decimal>>>> Wallets = new(() =>
        EF.CompileAsyncQuery((PayoutDbContext db, long customerId) =>
            db.Set<LedgerAccount>()
                .Where(a => a.CustomerId == customerId && a.Type == AccountType.CustomerWallet)
                .Select(a => new KeyValuePair<string, decimal>(a.Currency, a.Balance))));

    /// <summary>Compiled once: the float is read by every top-up and withdrawal check (see <see cref="HouseBalanceAsync"/>).</summary>
    private static readonly CompiledPerProvider<Func<PayoutDbContext, AccountType, string, CancellationToken, Task<decimal>>> HouseBalance = new(() =>
        EF.CompileAsyncQuery((PayoutDbContext db, AccountType type, string currency, CancellationToken cancellationToken) =>
            db.Set<LedgerAccount>()
                .Where(a => a.CustomerId == null && a.Type == type && a.Currency == currency)
                .Sum(a => a.Balance)));

    /// <summary>Compiled once: a wallet is read by every deposit and withdrawal (see <see cref="BalanceAsync"/>).</summary>
    private static readonly CompiledPerProvider<Func<PayoutDbContext, string, CancellationToken, Task<decimal?>>> BalanceByCode = new(() =>
        EF.CompileAsyncQuery((PayoutDbContext db, string code, CancellationToken cancellationToken) =>
            db.Set<LedgerAccount>().Where(a => a.Code == code).Select(a => (decimal?)a.Balance).SingleOrDefault()));

    public Task<decimal> WalletBalanceAsync(long customerId, string currency, CancellationToken cancellationToken) =>
        BalanceAsync(AccountKey.Wallet(customerId, currency), cancellationToken);

    /// <summary>A house account's balance: the sum of its shards.</summary>
    public Task<decimal> HouseBalanceAsync(AccountType type, string currency, CancellationToken cancellationToken) =>
        HouseBalance.For(db)(db, type, currency, cancellationToken);

    /// <summary>All the customer's wallets at once, by currency (absent: 0).</summary>
    public async Task<Dictionary<string, decimal>> WalletBalancesAsync(long customerId, CancellationToken cancellationToken)
    {
        var balances = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await foreach (var (currency, balance) in Wallets.For(db)(db, customerId).WithCancellation(cancellationToken))
        {
            balances.Add(currency, balance);
        }

        return balances;
    }

    /// <summary>The ledger transactions of one payout (its debit, then its settle or refund), oldest first: one indexed query.</summary>
    public async Task<IReadOnlyList<LedgerTransactionRecord>> PayoutTransactionsAsync(long operationId, CancellationToken cancellationToken) =>
        await db.Set<LedgerTransactionRecord>().AsNoTracking()
            .Where(t => t.PayoutOperationId == operationId)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);

    /// <summary>An account that was never used has no row yet: its balance is 0.</summary>
    private async Task<decimal> BalanceAsync(AccountKey account, CancellationToken cancellationToken) =>
        await BalanceByCode.For(db)(db, account.Code, cancellationToken) ?? 0m;
}
