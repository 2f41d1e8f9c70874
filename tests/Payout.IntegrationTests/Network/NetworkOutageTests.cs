using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Network;

/// <summary>The network unreachable for a while: payouts wait, and complete once when it is back.</summary>
public sealed class NetworkOutageTests(PayoutApp app) : IClassFixture<PayoutApp>
{
    [Fact]
    public async Task Payouts_wait_out_an_outage_and_complete_once_when_the_network_returns()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        using var network = app.NetworkAdminClient();
        await network.PostAsJsonAsync("outage", new { seconds = 3_600 }).AssertSuccessAsync();

        var operations = new List<long>();
        var debited = 0m;
        for (var i = 0; i < 3; i++)
        {
            var offerId = await app.QuoteAsync(client, cardId, 50m);
            var response = await app.PayAsync(client, offerId);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            var payout = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("PENDING", payout.GetProperty("status").GetString());
            operations.Add(payout.GetProperty("operationId").GetInt64());
            debited += payout.GetProperty("totalDebited").GetDecimal();
        }

        await network.DeleteAsync("outage").AssertSuccessAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(10));
        foreach (var id in operations)
        {
            Assert.Equal("SUCCESS", (await app.WaitForFinalAsync(client, id)).GetProperty("status").GetString());
        }

        await AssertEachPaidOnceAsync(network, operations);
        Assert.Equal(1_000m - debited, await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    internal static async Task<List<JsonElement>> AssertEachPaidOnceAsync(HttpClient network, List<long> operations)
    {
        var all = (await network.GetFromJsonAsync<JsonElement>("payouts")).GetProperty("payouts").EnumerateArray().ToList();
        var ours = operations.Select(id => Assert.Single(all, p => p.GetProperty("payoutId").GetString() == $"op-{id}")).ToList();
        Assert.All(ours, p => Assert.Equal(1, p.GetProperty("timesPaid").GetInt32()));
        return ours;
    }
}

/// <summary>Two API processes (hosts) on one database and one network, both dispatching.</summary>
public sealed class SharedDispatchTests(PayoutApp app) : IClassFixture<PayoutApp>
{
    [Fact]
    public async Task Two_processes_dispatching_from_one_database_never_send_a_payout_twice()
    {
        await using var second = new PayoutApp(app.Database, app.KeysDirectory, networkHost: app);
        await ((IAsyncLifetime)second).InitializeAsync();
        var (_, client, cardId) = await app.PayingCustomerAsync(deposit: 10_000m);
        using var network = app.NetworkAdminClient();
        await network.PostAsJsonAsync("outage", new { seconds = 3_600 }).AssertSuccessAsync();

        // Executed during an outage, so every payout is left for the background dispatchers of both hosts.
        var operations = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            var offerId = await app.QuoteAsync(client, cardId, 50m);
            operations.Add((await app.ExecuteAsync(client, offerId)).GetProperty("operationId").GetInt64());
        }

        await network.DeleteAsync("outage").AssertSuccessAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(10));
        second.Clock.Advance(TimeSpan.FromSeconds(10) + (app.Clock.GetUtcNow() - second.Clock.GetUtcNow()));
        foreach (var id in operations)
        {
            Assert.Equal("SUCCESS", (await app.WaitForFinalAsync(client, id)).GetProperty("status").GetString());
        }

        var recorded = await NetworkOutageTests.AssertEachPaidOnceAsync(network, operations);
        Assert.All(recorded, p => Assert.Equal(1, p.GetProperty("createAttempts").GetInt32()));
        await app.AssertLedgerHoldsAsync();
        await ((IAsyncLifetime)second).DisposeAsync();
    }

}
