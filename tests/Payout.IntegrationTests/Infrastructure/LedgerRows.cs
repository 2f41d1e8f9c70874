using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payout.Api.Domain.Ledger;
using Payout.Api.Features.Ledger;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>The ledger's house rows as the database holds them, shard by shard.</summary>
public static class LedgerRows
{
    /// <summary>Every shard row of a house account, by shard.</summary>
    public static async Task<Dictionary<int, decimal>> HouseShardsAsync(this PayoutApp app, AccountType type, string currency)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PayoutDbContext>();
        return await db.Set<LedgerAccount>().AsNoTracking()
            .Where(a => a.CustomerId == null && a.Type == type && a.Currency == currency)
            .ToDictionaryAsync(a => a.Shard, a => a.Balance);
    }

    /// <summary>A house account's total over its shards, as every report shows it.</summary>
    public static async Task<decimal> HouseBalanceAsync(this PayoutApp app, AccountType type, string currency)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerReader>().HouseBalanceAsync(type, currency, CancellationToken.None);
    }

    /// <summary>The shard each payout's debit used.</summary>
    public static async Task<Dictionary<long, int>> PayoutShardsAsync(this PayoutApp app, IEnumerable<long> operationIds)
    {
        var ids = operationIds.ToList();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PayoutDbContext>();
        return await db.Set<Payout.Api.Features.Payouts.PayoutOperation>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.LedgerShard);
    }
}
