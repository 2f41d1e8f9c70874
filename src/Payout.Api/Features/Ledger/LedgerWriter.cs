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
    /// <summary>
    /// Posts <paramref name="transaction"/>. A debit of a house account that must stay at or above zero (the
    /// network float) may be taken from another shard of that account than the one named, when the named shard
    /// cannot cover it: any shard that can, else the shards are consolidated first. It is refused only when all
    /// shards together cannot cover it.
    /// </summary>
    /// <returns>The stored transaction's id, or <see cref="PostingOutcome.InsufficientFunds"/> with the account that
    /// refused, after which the caller must roll back.</returns>
    public Task<PostingResult> PostAsync(LedgerTransaction transaction, CancellationToken cancellationToken) =>
        PostAsync(transaction, null, cancellationToken);

    /// <param name="payoutOperationId">The payout the transaction belongs to (debit, settle, refund), for its timeline and its receipt.</param>
    public Task<PostingResult> PostAsync(LedgerTransaction transaction, long? payoutOperationId, CancellationToken cancellationToken) =>
        PostAsync(transaction, payoutOperationId, mayUseOtherShards: true, cancellationToken);

    /// <summary>
    /// Locks every shard of a house account (<c>FOR NO KEY UPDATE</c>, in id order, after creating shards
    /// 0 … <paramref name="atLeast"/> − 1 if missing) and answers them with their balances, for a change that
    /// depends on all of them (a top-up, a consolidation).
    /// </summary>
    public async Task<IReadOnlyList<LedgerAccount>> LockShardsAsync(AccountKey account, int atLeast, CancellationToken cancellationToken)
    {
        if (atLeast > 0)
        {
            await EnsureAccountsAsync([.. Enumerable.Range(0, atLeast).Select(account.InShard)], cancellationToken);
        }

        var type = (int)account.Type;
        var shards = db.Provider == DatabaseProvider.Postgres
            ? db.Set<LedgerAccount>().FromSql(
                $"SELECT id, code, type, currency, customer_id, shard, balance FROM ledger_accounts WHERE customer_id IS NULL AND type = {type} AND currency = {account.Currency} ORDER BY id FOR NO KEY UPDATE")
            // SQLite: the transaction already holds the database's only write lock.
            : db.Set<LedgerAccount>().FromSql(
                $"SELECT id, code, type, currency, customer_id, shard, balance FROM ledger_accounts WHERE customer_id IS NULL AND type = {type} AND currency = {account.Currency} ORDER BY id");
        return await shards.AsNoTracking().ToListAsync(cancellationToken);
    }

    private async Task<PostingResult> PostAsync(
        LedgerTransaction transaction, long? payoutOperationId, bool mayUseOtherShards, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Ledger postings must be written inside the business change's transaction.");
        }

        var accounts = await EnsureAccountsAsync(transaction.Entries.Select(e => e.Account).Distinct().ToList(), cancellationToken);
        var now = clock.GetUtcNow();
        var record = new LedgerTransactionRecord { Kind = transaction.Kind, PayoutOperationId = payoutOperationId, CreatedAt = now };
        db.Set<LedgerTransactionRecord>().Add(record);
        // Also saves what the caller has pending, in the same round trip, before any balance row is locked:
        // from the first balance update to the commit, other payouts may be waiting for these rows.
        await SaveWithoutSavepointAsync(cancellationToken);

        foreach (var entry in InLockOrder(transaction.Entries, accounts))
        {
            var account = accounts[entry.Account.Code];
            if (!await ApplyAsync(account.Id, entry.Amount, entry.Account.MayGoNegative, cancellationToken))
            {
                var other = mayUseOtherShards && entry.Account.IsHouse
                    ? await DrawFromOtherShardAsync(account, -entry.Amount, cancellationToken)
                    : null;
                if (other is null)
                {
                    return new PostingResult(PostingOutcome.InsufficientFunds, 0, entry.Account);
                }

                account = other;
            }

            // Postings go in after the balance updates: their foreign key share-locks the account row, and
            // taken before the update that lock would make every payout on the row wait on a multixact.
            db.Set<LedgerPosting>().Add(new LedgerPosting
            {
                TransactionId = record.Id,
                AccountId = account.Id,
                Currency = account.Currency,
                Amount = entry.Amount,
                CreatedAt = now,
            });
        }

        await SaveWithoutSavepointAsync(cancellationToken);
        return new PostingResult(PostingOutcome.Posted, record.Id, null);
    }

    /// <summary>
    /// Inside a transaction, EF wraps each save in a savepoint so the transaction could go on after a failed save:
    /// two more round trips per save, and for the postings, taken while other payouts wait for the rows we hold.
    /// A failed ledger save never goes on: it aborts the caller's transaction, which is rolled back whole.
    /// </summary>
    private async Task SaveWithoutSavepointAsync(CancellationToken cancellationToken)
    {
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>
    /// A fixed order, so two transactions never deadlock on accounts: wallets first (not shared), then the
    /// float's shards (the one step that may try other rows, which it can only do while holding no later row),
    /// then every other house account, each group by id. Shared rows come last, so they are held briefly.
    /// </summary>
    private static IEnumerable<LedgerEntry> InLockOrder(IEnumerable<LedgerEntry> entries, Dictionary<string, LedgerAccount> accounts) =>
        entries.OrderBy(e => !e.Account.IsHouse ? 0 : e.Account.MayGoNegative ? 2 : 1).ThenBy(e => accounts[e.Account.Code].Id);

    /// <summary>
    /// The named shard cannot cover <paramref name="amount"/>: takes it from a shard that can (richest first),
    /// else consolidates the shards into the named one. Null when all shards together hold less.
    /// </summary>
    private async Task<LedgerAccount?> DrawFromOtherShardAsync(LedgerAccount refused, decimal amount, CancellationToken cancellationToken)
    {
        var candidates = await db.Set<LedgerAccount>().AsNoTracking()
            .Where(a => a.CustomerId == null && a.Type == refused.Type && a.Currency == refused.Currency
                && a.Id != refused.Id && a.Balance >= amount)
            .OrderByDescending(a => a.Balance)
            .ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            // Conditional like any debit: another payout may have taken it since we read it.
            if (await ApplyAsync(candidate.Id, -amount, mayGoNegative: false, cancellationToken))
            {
                return candidate;
            }
        }

        var shards = await LockShardsAsync(refused.Key, atLeast: 0, cancellationToken);
        var moves = HouseShards.Consolidate(shards.ToDictionary(a => a.Shard, a => a.Balance), refused.Shard, amount);
        if (moves is null)
        {
            return null;
        }

        if (moves.Count > 0
            && (await PostAsync(LedgerTransactions.ShardConsolidation(refused.Key, moves), null, mayUseOtherShards: false, cancellationToken)).Outcome
                != PostingOutcome.Posted)
        {
            throw new InvalidOperationException($"Moving between the locked shards of {refused.Key} was refused.");
        }

        return await ApplyAsync(refused.Id, -amount, mayGoNegative: false, cancellationToken)
            ? refused
            : throw new InvalidOperationException($"The consolidated shard {refused.Code} cannot cover {amount}.");
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
                $"INSERT INTO ledger_accounts (code, type, currency, customer_id, shard, balance) VALUES ({key.Code}, {(int)key.Type}, {key.Currency}, {key.CustomerId}, {key.Shard}, 0) ON CONFLICT (code) DO NOTHING",
                cancellationToken);
        }

        return existing.Count == keys.Count
            ? existing
            : await db.Set<LedgerAccount>().AsNoTracking().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, cancellationToken);
    }
}
