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
        PostAsync(transaction, payoutOperationId, [], mayUseOtherShards: true, cancellationToken);

    /// <param name="alongside">
    /// The caller's own statements for the same transaction (an event, an outbox change), sent in the post's first round trip,
    /// before any balance row is locked. They must not depend on the post.
    /// </param>
    public Task<PostingResult> PostAsync(
        LedgerTransaction transaction, long? payoutOperationId, IReadOnlyList<SqlStatement> alongside, CancellationToken cancellationToken) =>
        PostAsync(transaction, payoutOperationId, alongside, mayUseOtherShards: true, cancellationToken);

    /// <summary>
    /// Posts several transactions none of which can be refused (settlements and refunds: they take from no account held to
    /// "never below zero"), on PostgreSQL in one round trip: <paramref name="alongside"/> first, then the balance changes of
    /// all of them summed per account in the lock order (each shared row is locked and written once for all), then each
    /// transaction's header and postings, exactly as <see cref="PostAsync(LedgerTransaction, long?, CancellationToken)"/> would write them.
    /// </summary>
    /// <returns>Rows written by each of <paramref name="alongside"/>, in order.</returns>
    public async Task<IReadOnlyList<int>> PostManyAsync(
        IReadOnlyList<(LedgerTransaction Transaction, long PayoutOperationId)> transactions, IReadOnlyList<SqlStatement> alongside,
        CancellationToken cancellationToken)
    {
        if (transactions.SelectMany(t => t.Transaction.Entries).Any(e => !e.Account.MayGoNegative && e.Amount < 0))
        {
            throw new ArgumentException("A debit that may be refused is posted on its own (PostAsync).", nameof(transactions));
        }

        await SavePendingInTransactionAsync(cancellationToken);
        var statements = new List<SqlStatement>(alongside) { AddToAll([.. InLockOrder(transactions.SelectMany(t => t.Transaction.Entries))]) };
        var (_, rows) = await WriteAsync(statements, AsWritten(transactions), cancellationToken);
        return [.. rows.Take(alongside.Count)];
    }

    /// <summary>
    /// Posts several transactions that may be refused (executes' debits), in two round trips on PostgreSQL: <paramref name="alongside"/>
    /// with the conditional debits of all of them in the lock order, summed per account, then the other balance changes summed per
    /// account and each transaction's header and postings, as <see cref="PostManyAsync"/>. Nothing is taken from another shard: when
    /// any debit is refused it answers false, and the caller must roll back (and post them one by one, where a refused float shard
    /// can draw from the others).
    /// </summary>
    public async Task<bool> PostAllOrNoneAsync(
        IReadOnlyList<(LedgerTransaction Transaction, long PayoutOperationId)> transactions, IReadOnlyList<SqlStatement> alongside,
        CancellationToken cancellationToken)
    {
        await SavePendingInTransactionAsync(cancellationToken);
        var entries = InLockOrder(transactions.SelectMany(t => t.Transaction.Entries)).ToList();
        // All or none: one conditional debit per account, of the batch's sum, stands for each of its debits.
        var guarded = SumPerAccount(entries.Where(e => !e.Account.MayGoNegative));
        var rows = (await SqlBatch.ExecuteAsync(db, [.. alongside, .. guarded.Select(Apply)], cancellationToken)).Rows;
        if (rows.Skip(alongside.Count).Any(written => written != 1))
        {
            return false;
        }

        var rest = entries.Where(e => e.Account.MayGoNegative).ToList();
        await WriteAsync(rest.Count == 0 ? [] : [AddToAll(rest)], AsWritten(transactions), cancellationToken);
        return true;
    }

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
        LedgerTransaction transaction, long? payoutOperationId, IReadOnlyList<SqlStatement> alongside, bool mayUseOtherShards,
        CancellationToken cancellationToken)
    {
        await SavePendingInTransactionAsync(cancellationToken);
        var entries = InLockOrder(transaction.Entries).ToList();
        var posted = new List<(AccountKey Account, decimal Amount)>(entries.Count);
        // Wallets and the float are held to "never below zero": each debit is a conditional update whose refusal we see
        // on its own. They go in the first round trip, with the caller's statements; nothing later is locked yet, so a
        // refused float shard can still look at the other shards (the lock order below).
        var guarded = entries.Where(e => !e.Account.MayGoNegative).ToList();
        var first = new List<SqlStatement>(alongside);
        IReadOnlyList<int> alongsideRows = [];
        first.AddRange(guarded.Select(Apply));
        var rest = entries.Where(e => e.Account.MayGoNegative).ToList();
        var second = rest.Count == 0 ? new List<SqlStatement>() : [AddToAll(rest)];
        if (guarded.Count == 0)
        {
            second.InsertRange(0, first);
        }
        else
        {
            var rows = (await SqlBatch.ExecuteAsync(db, first, cancellationToken)).Rows;
            alongsideRows = [.. rows.Take(alongside.Count)];
            for (var i = 0; i < guarded.Count; i++)
            {
                var entry = guarded[i];
                var account = entry.Account;
                if (rows[alongside.Count + i] != 1)
                {
                    var other = mayUseOtherShards && account.IsHouse ? await DrawFromOtherShardAsync(account, -entry.Amount, cancellationToken) : null;
                    if (other is null)
                    {
                        return new PostingResult(PostingOutcome.InsufficientFunds, 0, account);
                    }

                    account = other;
                }

                posted.Add((account, entry.Amount));
            }
        }

        // Postings go in after the balance updates: their foreign key share-locks the account row, and taken before the
        // update that lock would make every payout on the row wait on a multixact.
        posted.AddRange(rest.Select(e => (e.Account, e.Amount)));
        var header = new LedgerTransactionRecord { Kind = transaction.Kind, PayoutOperationId = payoutOperationId, CreatedAt = clock.GetUtcNow() };
        var (ids, secondRows) = await WriteAsync(second, [new Written(header, posted)], cancellationToken);
        return new PostingResult(PostingOutcome.Posted, ids[0], null) { AlongsideRows = guarded.Count == 0 ? [.. secondRows.Take(alongside.Count)] : alongsideRows };
    }

    /// <summary>Each payout's transaction as it is written: its header, and its postings in the lock order.</summary>
    private List<Written> AsWritten(IReadOnlyList<(LedgerTransaction Transaction, long PayoutOperationId)> transactions)
    {
        var now = clock.GetUtcNow();
        return [.. transactions.Select(t => new Written(
            new LedgerTransactionRecord { Kind = t.Transaction.Kind, PayoutOperationId = t.PayoutOperationId, CreatedAt = now },
            [.. InLockOrder(t.Transaction.Entries).Select(e => (e.Account, e.Amount))]))];
    }

    /// <summary>A transaction's header and its postings, as they are written.</summary>
    private sealed record Written(LedgerTransactionRecord Header, IReadOnlyList<(AccountKey Account, decimal Amount)> Postings);

    /// <summary>
    /// The remaining balance updates, then each transaction's header and its postings. On PostgreSQL all of it is one
    /// round trip (a header and its postings one statement); SQLite, in-process, inserts each header first for its id.
    /// </summary>
    /// <returns>The stored transactions' ids, in order, and the rows each of <paramref name="updates"/> wrote.</returns>
    private async Task<(IReadOnlyList<long> Ids, IReadOnlyList<int> Rows)> WriteAsync(
        List<SqlStatement> updates, IReadOnlyList<Written> transactions, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var updateCount = updates.Count;
            updates.AddRange(transactions.Select(t => PostgresHeaderWithPostings(t.Header, t.Postings)));
            var written = await SqlBatch.ExecuteAsync(db, updates, cancellationToken);
            // Each statement answers its transaction's id once per posting.
            var ids = new List<long>(transactions.Count);
            var at = 0;
            foreach (var transaction in transactions)
            {
                ids.Add(written.Returned[at]);
                at += transaction.Postings.Count;
            }

            return (ids, [.. written.Rows.Take(updateCount)]);
        }

        var rows = (await SqlBatch.ExecuteAsync(db, updates, cancellationToken)).Rows;
        var stored = new List<long>(transactions.Count);
        foreach (var (header, postings) in transactions)
        {
            var id = (await SqlBatch.ExecuteAsync(db, [new SqlStatement(
                "INSERT INTO ledger_transactions (kind, payout_operation_id, created_at) VALUES ({0}, {1}, {2}) RETURNING id",
                [header.Kind, header.PayoutOperationId, header.CreatedAt], ExpectedRows: 1, Returns: true)], cancellationToken)).Returned[0];
            await SqlBatch.ExecuteAsync(db, [new SqlStatement($"""
                INSERT INTO ledger_postings (transaction_id, account_id, currency, amount, created_at)
                SELECT {"{0}"}, a.id, a.currency, v.column2, {"{2}"}
                FROM (VALUES {PostingValues(postings)}) AS v JOIN ledger_accounts a ON a.code = v.column1
                ORDER BY v.column3
                """, PostingArguments(id, header, postings), ExpectedRows: postings.Count)], cancellationToken);
            stored.Add(id);
        }

        return (stored, rows);
    }

    /// <summary>A header and its postings as one statement, answering the header's id once per posting.</summary>
    private static SqlStatement PostgresHeaderWithPostings(LedgerTransactionRecord header, IReadOnlyList<(AccountKey Account, decimal Amount)> postings) => new($"""
        WITH header AS (INSERT INTO ledger_transactions (kind, payout_operation_id, created_at) VALUES ({"{0}"}, CAST({"{1}"} AS bigint), {"{2}"}) RETURNING id)
        INSERT INTO ledger_postings (transaction_id, account_id, currency, amount, created_at)
        SELECT header.id, a.id, a.currency, v.column2, {"{2}"}
        FROM header CROSS JOIN (VALUES {PostingValues(postings)}) AS v JOIN ledger_accounts a ON a.code = v.column1
        ORDER BY v.column3
        RETURNING transaction_id
        """, PostingArguments(header.Kind, header, postings), ExpectedRows: postings.Count, Returns: true);

    /// <summary>The postings' rows (account code, amount, position), their parameters numbered from {3}.</summary>
    private static string PostingValues(IReadOnlyList<(AccountKey Account, decimal Amount)> postings) =>
        string.Join(", ", postings.Select((_, i) => $"({{{3 + (2 * i)}}}, {{{4 + (2 * i)}}}, {i})"));

    /// <summary>{0}: <paramref name="first"/> (the kind, or on SQLite the stored id), {1} the payout, {2} the time, then each posting's code and amount.</summary>
    private static object?[] PostingArguments(object first, LedgerTransactionRecord header, IReadOnlyList<(AccountKey Account, decimal Amount)> postings) =>
        [first, header.PayoutOperationId, header.CreatedAt, .. postings.SelectMany(p => new object?[] { p.Account.Code, p.Amount })];

    /// <summary>
    /// One entry's balance change, by the account's unique code. A debit of an account held to "never below zero" is a
    /// conditional UPDATE: the database itself refuses to overdraw it, for any number of writers in any number of
    /// processes, and the refusal is seen as no row written. Everything else adds to the row, creating it if missing.
    /// </summary>
    private SqlStatement Apply(LedgerEntry entry)
    {
        var account = entry.Account;
        if (!account.MayGoNegative && entry.Amount < 0)
        {
            return new SqlStatement("UPDATE ledger_accounts SET balance = balance + {0} WHERE code = {1} AND balance >= {2}", [entry.Amount, account.Code, -entry.Amount]);
        }

        // PostgreSQL resolves the existing row by the table's name, SQLite by the bare column.
        var existing = db.Provider == DatabaseProvider.Postgres ? "ledger_accounts.balance" : "balance";
        return new SqlStatement(
            $"INSERT INTO ledger_accounts (code, type, currency, customer_id, shard, balance) VALUES ({{0}}, {{1}}, {{2}}, CAST({{3}} AS bigint), {{4}}, {{5}}) ON CONFLICT (code) DO UPDATE SET balance = {existing} + excluded.balance",
            [account.Code, (int)account.Type, account.Currency, account.CustomerId, account.Shard, entry.Amount], ExpectedRows: 1);
    }

    /// <summary>
    /// The balance changes of accounts that may go negative, as one statement: an upsert of one row per account (entries of
    /// one account summed), in the order given, which is the lock order. Each row is written, so the statement writes as
    /// many rows as there are accounts.
    /// </summary>
    private SqlStatement AddToAll(IReadOnlyList<LedgerEntry> entries)
    {
        var changes = SumPerAccount(entries);
        var rows = string.Join(", ", changes.Select((_, i) =>
            $"({{{6 * i}}}, {{{(6 * i) + 1}}}, {{{(6 * i) + 2}}}, CAST({{{(6 * i) + 3}}} AS bigint), {{{(6 * i) + 4}}}, {{{(6 * i) + 5}}})"));
        // PostgreSQL resolves the existing row by the table's name, SQLite by the bare column.
        var existing = db.Provider == DatabaseProvider.Postgres ? "ledger_accounts.balance" : "balance";
        return new SqlStatement(
            $"INSERT INTO ledger_accounts (code, type, currency, customer_id, shard, balance) VALUES {rows} ON CONFLICT (code) DO UPDATE SET balance = {existing} + excluded.balance",
            [.. changes.SelectMany(c => new object?[] { c.Account.Code, (int)c.Account.Type, c.Account.Currency, c.Account.CustomerId, c.Account.Shard, c.Amount })],
            ExpectedRows: changes.Count);
    }

    /// <summary>Entries in lock order, those of one account summed into one (a row may change only once in a statement).</summary>
    private static List<LedgerEntry> SumPerAccount(IEnumerable<LedgerEntry> entries)
    {
        var sums = new List<LedgerEntry>();
        foreach (var entry in entries)
        {
            if (sums.Count > 0 && sums[^1].Account == entry.Account)
            {
                sums[^1] = sums[^1] with { Amount = sums[^1].Amount + entry.Amount };
            }
            else
            {
                sums.Add(entry);
            }
        }

        return sums;
    }

    /// <summary>
    /// Checks the post runs inside the caller's transaction, then saves what the caller has pending, in one round trip, before
    /// any balance row is locked: from the first balance update to the commit, other payouts may be waiting for these rows.
    /// </summary>
    private async Task SavePendingInTransactionAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Ledger postings must be written inside the business change's transaction.");
        }

        if (db.ChangeTracker.HasChanges())
        {
            await SaveWithoutSavepointAsync(cancellationToken);
        }
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
    /// then every other house account, each group by code (the unique key the updates find rows by). Shared rows
    /// come last, so they are held briefly.
    /// </summary>
    private static IEnumerable<LedgerEntry> InLockOrder(IEnumerable<LedgerEntry> entries) =>
        entries.OrderBy(e => !e.Account.IsHouse ? 0 : e.Account.MayGoNegative ? 2 : 1).ThenBy(e => e.Account.Code, StringComparer.Ordinal);

    /// <summary>
    /// The named shard cannot cover <paramref name="amount"/>: takes it from a shard that can (richest first),
    /// else consolidates the shards into the named one. Null when all shards together hold less.
    /// </summary>
    private async Task<AccountKey?> DrawFromOtherShardAsync(AccountKey refused, decimal amount, CancellationToken cancellationToken)
    {
        var code = refused.Code;
        var candidates = await db.Set<LedgerAccount>().AsNoTracking()
            .Where(a => a.CustomerId == null && a.Type == refused.Type && a.Currency == refused.Currency
                && a.Code != code && a.Balance >= amount)
            .OrderByDescending(a => a.Balance)
            .ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            // Conditional like any debit: another payout may have taken it since we read it.
            if (await DebitAsync(candidate.Key, amount, cancellationToken))
            {
                return candidate.Key;
            }
        }

        var shards = await LockShardsAsync(refused, atLeast: refused.Shard + 1, cancellationToken);
        var moves = HouseShards.Consolidate(shards.ToDictionary(a => a.Shard, a => a.Balance), refused.Shard, amount);
        if (moves is null)
        {
            return null;
        }

        if (moves.Count > 0
            && (await PostAsync(LedgerTransactions.ShardConsolidation(refused, moves), null, [], mayUseOtherShards: false, cancellationToken)).Outcome
                != PostingOutcome.Posted)
        {
            throw new InvalidOperationException($"Moving between the locked shards of {refused} was refused.");
        }

        return await DebitAsync(refused, amount, cancellationToken)
            ? refused
            : throw new InvalidOperationException($"The consolidated shard {refused.Code} cannot cover {amount}.");
    }

    /// <summary>One conditional debit of an account held to "never below zero", on its own; false when refused.</summary>
    private async Task<bool> DebitAsync(AccountKey account, decimal amount, CancellationToken cancellationToken) =>
        (await SqlBatch.ExecuteAsync(db, [Apply(new LedgerEntry(account, -amount))], cancellationToken)).Rows[0] == 1;

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
