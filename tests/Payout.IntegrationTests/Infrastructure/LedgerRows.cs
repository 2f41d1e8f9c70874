using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Ledger;
using Payout.Api.Features.Ledger;

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>The ledger's house rows as the database holds them, shard by shard (read through <see cref="PayoutApp.Inside"/>).</summary>
public static class LedgerRows
{
    /// <summary>Every shard row of a house account, by shard.</summary>
    public static async Task<Dictionary<int, decimal>> HouseShardsAsync(this PayoutApp app, AccountType type, string currency)
    {
        return await app.Inside.ReadDatabaseAsync(db => db.Set<LedgerAccount>().AsNoTracking()
            .Where(a => a.CustomerId == null && a.Type == type && a.Currency == currency)
            .ToDictionaryAsync(a => a.Shard, a => a.Balance));
    }

    /// <summary>A house account's total over its shards, as every report shows it.</summary>
    public static async Task<decimal> HouseBalanceAsync(this PayoutApp app, AccountType type, string currency) =>
        (await app.HouseShardsAsync(type, currency)).Values.Sum();

    /// <summary>The shard each payout's debit used.</summary>
    public static async Task<Dictionary<long, int>> PayoutShardsAsync(this PayoutApp app, IEnumerable<long> operationIds)
    {
        var ids = operationIds.ToList();
        return await app.Inside.ReadDatabaseAsync(db => db.Set<Payout.Api.Features.Payouts.PayoutOperation>().AsNoTracking()
            .Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.LedgerShard));
    }

    /// <summary>
    /// PostgreSQL: the database transaction each payout's debit was written in (the <c>xmin</c> of its ledger header, a row
    /// never updated), with the payout's shard.
    /// </summary>
    public static async Task<List<DebitRow>> DebitTransactionsAsync(this PayoutApp app, IEnumerable<long> operationIds)
    {
        var ids = operationIds.ToArray();
        return await app.Inside.ReadDatabaseAsync(db => db.Database.SqlQuery<DebitRow>($"""
            SELECT p.id AS payout_id, t.xmin::text AS transaction, p.ledger_shard AS shard
            FROM ledger_transactions t JOIN payout_operations p ON p.id = t.payout_operation_id
            WHERE t.kind = 'PAYOUT_DEBIT' AND p.id = ANY({ids})
            """).ToListAsync());
    }

    /// <summary>A payout, the database transaction of its debit and its house shard.</summary>
    public sealed record DebitRow(long PayoutId, string Transaction, int Shard);
}
