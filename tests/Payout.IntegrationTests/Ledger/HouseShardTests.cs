using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.Api.Domain.Ledger;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Ledger;

/// <summary>
/// House accounts are rows per shard: concurrent payouts in one currency spread over them (by transaction), settle on the
/// shard they were debited on, and every total is exact.
/// </summary>
public sealed class HouseShardTests(PayoutApp app) : IClassFixture<PayoutApp>
{
    private const int Payouts = 16;

    /// <summary>Parallel payouts on a loaded machine may take a while to settle; the test is about balances, not speed.</summary>
    private static readonly TimeSpan SettleWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_top_up_is_spread_over_every_float_shard_to_the_last_cent()
    {
        var shards = await app.HouseShardsAsync(AccountType.NetworkFloat, "USD");

        // The fixture funded 100 000 000 USD over the default 16 shards; no payout here uses USD.
        Assert.Equal(Enumerable.Range(0, 16), shards.Keys.Order());
        Assert.All(shards.Values, balance => Assert.Equal(6_250_000m, balance));
        Assert.Equal(100_000_000m, await app.HouseBalanceAsync(AccountType.NetworkFloat, "USD"));
    }

    [Fact]
    public async Task Parallel_executes_in_one_currency_spread_over_shards_and_leave_exact_balances()
    {
        var customers = new List<(long CustomerId, HttpClient Client, long OfferId)>();
        for (var i = 0; i < Payouts; i++)
        {
            var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 1_000m);
            customers.Add((customer.Id, client, (await app.OfferAsync(client, cardId, 100m + i)).GetProperty("offerId").GetInt64()));
        }

        var floatBefore = await app.HouseBalanceAsync(AccountType.NetworkFloat, "EUR");
        var settledBefore = await app.HouseBalanceAsync(AccountType.SettledPayouts, "USDT");
        var paidOutBefore = await app.HouseBalanceAsync(AccountType.FiatPaidOut, "EUR");

        var responses = await Task.WhenAll(customers.Select(c => app.PayAsync(c.Client, c.OfferId)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var operations = new List<JsonElement>();
        foreach (var (response, customer) in responses.Zip(customers))
        {
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64();
            var final = await app.WaitForFinalAsync(customer.Client, id, SettleWithin);
            Assert.Equal("SUCCESS", final.GetProperty("status").GetString());
            Assert.Equal(1_000m - final.GetProperty("totalDebited").GetDecimal(), await app.BalanceAsync(customer.CustomerId, "USDT"));
            operations.Add(final);
        }

        // SQLite debits one payout per transaction, each on the next shard. PostgreSQL debits executes that arrive together in
        // one transaction, on one shard for all of them (each shared row written once), and gives the next batch the next shard.
        if (TestDatabase.ProviderUnderTest == "Sqlite")
        {
            var shards = await app.PayoutShardsAsync(operations.Select(o => o.GetProperty("operationId").GetInt64()));
            Assert.True(shards.Values.Distinct().Count() >= 8, $"{Payouts} payouts used only shards {string.Join(", ", shards.Values.Distinct())}.");
        }

        var paidTo = operations.Sum(o => o.GetProperty("amountTo").GetDecimal());
        Assert.Equal(floatBefore - paidTo, await app.HouseBalanceAsync(AccountType.NetworkFloat, "EUR"));
        Assert.Equal(paidOutBefore + paidTo, await app.HouseBalanceAsync(AccountType.FiatPaidOut, "EUR"));
        Assert.Equal(settledBefore + operations.Sum(o => o.GetProperty("amountFrom").GetDecimal()),
            await app.HouseBalanceAsync(AccountType.SettledPayouts, "USDT"));
        // Settled on the shard they were debited on: every in-flight row is back to zero, not just their sum.
        Assert.All(await app.HouseShardsAsync(AccountType.PayoutsInFlight, "USDT"), row => Assert.Equal(0m, row.Value));
        Assert.All(await app.HouseShardsAsync(AccountType.FiatInFlight, "EUR"), row => Assert.Equal(0m, row.Value));
        await app.AssertLedgerHoldsAsync();
    }
}
