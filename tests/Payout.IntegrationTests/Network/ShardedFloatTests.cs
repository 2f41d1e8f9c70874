using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.Api.Domain.Ledger;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Network;

/// <summary>100 EUR and 100 USD at the network, 6.25 on each of 16 shards: no shard alone covers a payout.</summary>
public sealed class ThinFloatApp : PayoutApp
{
    protected override decimal NetworkFloat => 100m;
}

/// <summary>
/// The float is split over shards, but a payout is refused with NETWORK_FLOAT_LOW only when the whole float
/// cannot cover it: a shard that falls short borrows from the others, under their locks, in the same transaction.
/// </summary>
public sealed class ShardedFloatTests(ThinFloatApp app) : IClassFixture<ThinFloatApp>
{
    [Fact]
    public async Task A_payout_no_single_shard_covers_is_paid_and_only_a_short_total_refuses()
    {
        Assert.All(await app.HouseShardsAsync(AccountType.NetworkFloat, "EUR"), shard => Assert.Equal(6.25m, shard.Value));
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 1_000m);

        var first = await PaidAsync(client, (await app.OfferAsync(client, cardId, 30m)).GetProperty("offerId").GetInt64());
        var second = await PaidAsync(client, (await app.OfferAsync(client, cardId, 80m)).GetProperty("offerId").GetInt64());
        var left = 100m - first.GetProperty("amountTo").GetDecimal() - second.GetProperty("amountTo").GetDecimal();
        Assert.Equal(left, await app.HouseBalanceAsync(AccountType.NetworkFloat, "EUR"));

        var balance = await app.BalanceAsync(customer.Id, "USDT");
        var refused = await app.PayAsync(client, (await app.OfferAsync(client, cardId, 30m)).GetProperty("offerId").GetInt64());

        await refused.AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "NETWORK_FLOAT_LOW");
        Assert.Equal(balance, await app.BalanceAsync(customer.Id, "USDT"));
        Assert.Equal(left, await app.HouseBalanceAsync(AccountType.NetworkFloat, "EUR"));
        Assert.All(await app.HouseShardsAsync(AccountType.NetworkFloat, "EUR"), shard => Assert.True(shard.Value >= 0));
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Parallel_payouts_on_a_thin_float_pay_exactly_what_the_total_covers()
    {
        // 10 payouts of 29.40 USD against 100 USD over 16 shards of 6.25: exactly 3 fit.
        var offers = new List<(HttpClient Client, long OfferId)>();
        for (var i = 0; i < 10; i++)
        {
            var (_, client, cardId) = await app.PayingCustomerAsync(deposit: 100m);
            var offer = await app.OfferAsync(client, cardId, 30m, to: "USD");
            Assert.Equal(29.40m, offer.GetProperty("amountTo").GetDecimal());
            offers.Add((client, offer.GetProperty("offerId").GetInt64()));
        }

        var responses = await Task.WhenAll(offers.Select(o => app.PayAsync(o.Client, o.OfferId)));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await refused.AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "NETWORK_FLOAT_LOW");
        }

        foreach (var (response, offer) in responses.Zip(offers).Where(p => p.First.StatusCode == HttpStatusCode.OK))
        {
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64();
            Assert.Equal("SUCCESS", (await app.WaitForFinalAsync(offer.Client, id, TimeSpan.FromSeconds(60))).GetProperty("status").GetString());
        }

        Assert.Equal(100m - (3 * 29.40m), await app.HouseBalanceAsync(AccountType.NetworkFloat, "USD"));
        Assert.All(await app.HouseShardsAsync(AccountType.NetworkFloat, "USD"), shard => Assert.True(shard.Value >= 0));
        await app.AssertLedgerHoldsAsync();
    }

    private async Task<JsonElement> PaidAsync(HttpClient client, long offerId)
    {
        var response = await app.PayAsync(client, offerId);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var operationId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64();
        var final = await app.WaitForFinalAsync(client, operationId);
        Assert.Equal("SUCCESS", final.GetProperty("status").GetString());
        return final;
    }
}
