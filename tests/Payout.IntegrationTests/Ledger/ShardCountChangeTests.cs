using System.Net.Http.Json;
using System.Text.Json;
using Payout.Api.Domain.Ledger;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Ledger;

/// <summary>One shard per house account: the ledger as it was before sharding (shard 0 keeps the old names).</summary>
public sealed class OneShardApp : PayoutApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Ledger:HouseShards"] = "1" };
}

/// <summary>A second process on the same database, configured with four shards.</summary>
internal sealed class FourShardApp(TestDatabase database, string keysDirectory) : PayoutApp(database, keysDirectory)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Ledger:HouseShards"] = "4" };
}

/// <summary>
/// The shard count can change on a running installation (or an old database meet a sharded service): payouts
/// store their shard, so they settle where they were debited, and the float is found on whatever shard holds it.
/// </summary>
public sealed class ShardCountChangeTests(OneShardApp app) : IClassFixture<OneShardApp>
{
    [Fact]
    public async Task Payouts_and_top_ups_keep_every_balance_exact_when_the_shard_count_changes()
    {
        Assert.Equal([0], (await app.HouseShardsAsync(AccountType.NetworkFloat, "EUR")).Keys);
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 1_000m);
        var before = await PayAsync(app, client, cardId);
        await using var wider = new FourShardApp(app.Database, app.KeysDirectory);
        await ((IAsyncLifetime)wider).InitializeAsync();
        using var widerClient = await wider.ClientForAsync(customer);

        // Every shard but 0 is empty: the wider process's payouts find the float on shard 0.
        var after = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            after.Add(await PayAsync(wider, widerClient, cardId));
        }

        var paid = before.GetProperty("amountTo").GetDecimal() + after.Sum(p => p.GetProperty("amountTo").GetDecimal());
        Assert.Equal(100_000_000m - paid, await wider.HouseBalanceAsync(AccountType.NetworkFloat, "EUR"));
        Assert.Equal(4, (await wider.PayoutShardsAsync(after.Select(p => p.GetProperty("operationId").GetInt64()))).Values.Distinct().Count());

        // A top-up spreads the whole float evenly over the current shards ...
        await TopUpAsync(wider, 10m);
        var spread = await wider.HouseShardsAsync(AccountType.NetworkFloat, "EUR");
        Assert.Equal(HouseShards.Split(100_000_010m - paid, 4, 2), Enumerable.Range(0, 4).Select(s => spread[s]));

        // ... and back on one shard, a top-up gathers it on shard 0 again.
        await TopUpAsync(app, 10m);
        var gathered = await app.HouseShardsAsync(AccountType.NetworkFloat, "EUR");
        Assert.Equal(100_000_020m - paid, gathered[0]);
        Assert.All(gathered.Where(s => s.Key != 0), s => Assert.Equal(0m, s.Value));
        Assert.All(await app.HouseShardsAsync(AccountType.FiatInFlight, "EUR"), row => Assert.Equal(0m, row.Value));
        await app.AssertLedgerHoldsAsync();
        await ((IAsyncLifetime)wider).DisposeAsync();
    }

    private static async Task<JsonElement> PayAsync(PayoutApp host, HttpClient client, long cardId)
    {
        var offerId = (await host.OfferAsync(client, cardId, 50m)).GetProperty("offerId").GetInt64();
        var response = await host.PayAsync(client, offerId);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var operationId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64();
        var final = await host.WaitForFinalAsync(client, operationId);
        Assert.Equal("SUCCESS", final.GetProperty("status").GetString());
        return final;
    }

    private static async Task TopUpAsync(PayoutApp host, decimal amount)
    {
        using var admin = host.AdminClient();
        (await admin.PostAsJsonAsync("/admin/v1/network-float/EUR/top-ups", new { amount })).EnsureSuccessStatusCode();
    }
}
