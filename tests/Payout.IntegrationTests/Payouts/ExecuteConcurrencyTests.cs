using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;
using Payout.Sandbox;

namespace Payout.IntegrationTests.Payouts;

/// <summary>Fees at zero make the arithmetic of these races plain.</summary>
public sealed class FeeFreeApp : PayoutApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Fees:TransactionFee"] = "0",
        ["Fees:FixFee"] = "0",
    };
}

/// <summary>
/// Exactly-once and "never below zero" under concurrent executes — truly parallel on PostgreSQL, and
/// across two app hosts sharing one database (two API processes).
/// </summary>
public sealed class ExecuteConcurrencyTests(FeeFreeApp app) : IClassFixture<FeeFreeApp>
{
    [Fact]
    public async Task Fifty_parallel_executes_of_one_offer_make_one_operation_and_one_debit()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 1_000m);
        var offerId = await app.QuoteAsync(client, cardId, 100m);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.PayAsync(client, offerId)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var operations = await Task.WhenAll(responses.Select(async r =>
            (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64()));
        Assert.Single(operations.Distinct());
        Assert.Equal(900m, await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Ten_offers_of_30_executed_in_parallel_on_100_let_exactly_three_through()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 100m);
        var offers = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            offers.Add(await app.QuoteAsync(client, cardId, 30m));
        }

        var responses = await Task.WhenAll(offers.Select(id => app.PayAsync(client, id)));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "INSUFFICIENT_FUNDS");
        }

        Assert.Equal(10m, await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Twelve_customers_paying_at_once_are_each_settled_once_paid_or_refunded()
    {
        // Settlements that meet in the settlement queue commit together; a declined one is refunded in the same transaction.
        var payers = new List<(TestCustomer Customer, HttpClient Client, long OfferId, bool Declined)>();
        for (var i = 0; i < 12; i++)
        {
            var declined = i % 3 == 0;
            var (customer, client, paidCard) = await app.PayingCustomerAsync(deposit: 1_000m);
            var cardId = declined ? await app.AddCardAsync(client, SandboxCards.DeclinedAtOnce) : paidCard;
            payers.Add((customer, client, await app.QuoteAsync(client, cardId, 100m), declined));
        }

        var answered = await Task.WhenAll(payers.Select(p => app.ExecuteAsync(p.Client, p.OfferId)));

        for (var i = 0; i < payers.Count; i++)
        {
            var (customer, client, _, declined) = payers[i];
            var payout = await app.WaitForFinalAsync(client, answered[i].GetProperty("operationId").GetInt64());
            Assert.Equal(declined ? "FAILED" : "SUCCESS", payout.GetProperty("status").GetString());
            Assert.Equal(declined ? 1_000m : 900m, await app.BalanceAsync(customer.Id, "USDT"));
        }

        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Two_hosts_executing_near_the_kyc_limit_never_exceed_it()
    {
        await using var second = new PayoutApp(app.Database, app.KeysDirectory);
        await ((IAsyncLifetime)second).InitializeAsync();
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 20_000m);
        using var secondClient = await second.ClientForAsync(customer);

        // 8 offers of ~2 000 EUR each against a 9 700 EUR limit: at most 4 may pass.
        var offers = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            offers.Add(await app.QuoteAsync(client, cardId, 2_218.27861579m));
        }

        var responses = await Task.WhenAll(offers.Select((id, i) => i % 2 == 0 ? app.PayAsync(client, id) : second.PayAsync(secondClient, id)));

        var paid = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(4, paid);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "LIMIT_EXCEEDED");
        }

        Assert.Equal(20_000m - (paid * 2_218.27861579m), await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
        await ((IAsyncLifetime)second).DisposeAsync();
    }
}
