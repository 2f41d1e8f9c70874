using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Ledger;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Ledger;

/// <summary>
/// Writes balanced transactions. It must run inside the caller's database transaction, which also holds
/// the business change, so both commit or neither does.
/// </summary>
public sealed class LedgerWriter(PayoutDbContext db, TimeProvider clock)
{
    /// <returns>The stored transaction's id, or <see cref="PostingOutcome.InsufficientFunds"/> with the account that
    /// refused, after which the caller must roll back.</returns>
    public Task<PostingResult> PostAsync(LedgerTransaction transaction, CancellationToken cancellationToken) =>
        PostAsync(transaction, null, cancellationToken);

    /// <param name="payoutOperationId">The payout the transaction belongs to (debit, settle, refund), for its timeline and its receipt.</param>
    public async Task<PostingResult> PostAsync(LedgerTransaction transaction, long? payoutOperationId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Ledger postings must be written inside the business change's transaction.");
        }

        var accounts = await EnsureAccountsAsync(transaction.Entries.Select(e => e.Account).Distinct().ToList(), cancellationToken);
        var now = clock.GetUtcNow();
        var record = new LedgerTransactionRecord { Kind = transaction.Kind, PayoutOperationId = payoutOperationId, CreatedAt = now };
        db.Set<LedgerTransactionRecord>().Add(record);
        await db.SaveChangesAsync(cancellationToken);

        // A fixed order (by account id) means two transactions touching the same accounts never deadlock.
        foreach (var entry in transaction.Entries.OrderBy(e => accounts[e.Account.Code].Id))
        {
            var account = accounts[entry.Account.Code];
            if (!await ApplyAsync(account.Id, entry.Amount, entry.Account.MayGoNegative, cancellationToken))
            {
                return new PostingResult(PostingOutcome.InsufficientFunds, 0, entry.Account);
            }

            db.Set<LedgerPosting>().Add(new LedgerPosting
            {
                TransactionId = record.Id,
                AccountId = account.Id,
                Currency = account.Currency,
                Amount = entry.Amount,
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return new PostingResult(PostingOutcome.Posted, record.Id, null);
    }

    /// <summary>
    /// One conditional UPDATE: the database itself refuses to take a wallet below zero, so the rule
    /// holds for any number of concurrent writers in any number of processes.
    /// </summary>
    private async Task<bool> ApplyAsync(long accountId, decimal delta, bool mayGoNegative, CancellationToken cancellationToken)
    {
        var floor = -delta;
        var updated = await db.Set<LedgerAccount>()
            .Where(a => a.Id == accountId && (mayGoNegative || a.Balance >= floor))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance + delta), cancellationToken);
        return updated == 1;
    }

    /// <summary>Creates missing accounts with an insert that tolerates a concurrent creator, then loads them all.</summary>
    private async Task<Dictionary<string, LedgerAccount>> EnsureAccountsAsync(IReadOnlyList<AccountKey> keys, CancellationToken cancellationToken)
    {
        var codes = keys.Select(k => k.Code).ToList();
        var existing = await db.Set<LedgerAccount>().AsNoTracking().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, cancellationToken);
        foreach (var key in keys.Where(k => !existing.ContainsKey(k.Code)))
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO ledger_accounts (code, type, currency, customer_id, balance) VALUES ({key.Code}, {(int)key.Type}, {key.Currency}, {key.CustomerId}, 0) ON CONFLICT (code) DO NOTHING",
                cancellationToken);
        }

        return existing.Count == keys.Count
            ? existing
            : await db.Set<LedgerAccount>().AsNoTracking().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, cancellationToken);
    }
}
