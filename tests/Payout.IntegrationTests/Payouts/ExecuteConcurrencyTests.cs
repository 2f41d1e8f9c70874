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
    public async Task Executes_arriving_together_are_debited_in_one_transaction_on_PostgreSQL_each_once()
    {
        var postgres = TestDatabase.ProviderUnderTest == "Postgres";
        var debitedTogether = false;
        var rounds = new List<string>();
        // Twelve executes sent at once meet in the queue unless the machine is so busy that they arrive one by one: a few rounds.
        for (var round = 0; round < 5 && !debitedTogether; round++)
        {
            var payers = new List<(TestCustomer Customer, HttpClient Client, long OfferId)>();
            for (var i = 0; i < 12; i++)
            {
                var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 1_000m);
                payers.Add((customer, client, await app.QuoteAsync(client, cardId, 100m)));
            }

            var payouts = await Task.WhenAll(payers.Select(p => app.ExecuteAsync(p.Client, p.OfferId)));

            foreach (var (customer, _, _) in payers)
            {
                Assert.Equal(900m, await app.BalanceAsync(customer.Id, "USDT"));
            }

            if (!postgres)
            {
                // SQLite has one writer: its executes take turns, each in a transaction of its own.
                break;
            }

            // The database's own transaction ids are the evidence, not the batch-size metric: the test hosts of one process
            // publish meters of the same name, and a host's scrape can show another host's instrument.
            var debits = await app.DebitTransactionsAsync(payouts.Select(p => p.GetProperty("operationId").GetInt64()));
            var together = debits.GroupBy(d => d.Transaction).ToList();
            // The payouts debited together share one house shard.
            Assert.All(together, payoutsOfOne => Assert.Single(payoutsOfOne.Select(d => d.Shard).Distinct()));
            debitedTogether |= together.Any(payoutsOfOne => payoutsOfOne.Count() > 1);
            rounds.Add($"round {round + 1}: transactions of {string.Join(", ", together.Select(t => t.Count()))} payouts");
        }

        Assert.True(postgres == debitedTogether, string.Join("\n", rounds) + "\n" + await ScrapeAsync());
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Executes_arriving_together_are_answered_each_as_if_alone()
    {
        // One customer with two offers, one executing the same offer three times, one without the funds, one plain payer.
        var (twice, twiceClient, twiceCard) = await app.PayingCustomerAsync(deposit: 1_000m);
        var (repeated, repeatedClient, repeatedCard) = await app.PayingCustomerAsync(deposit: 1_000m);
        var (_, shortClient, shortCard) = await app.PayingCustomerAsync(deposit: 1_000m);
        var (plain, plainClient, plainCard) = await app.PayingCustomerAsync(deposit: 1_000m);
        var twiceOffers = new[] { await app.QuoteAsync(twiceClient, twiceCard, 100m), await app.QuoteAsync(twiceClient, twiceCard, 200m) };
        var repeatedOffer = await app.QuoteAsync(repeatedClient, repeatedCard, 100m);
        var tooMuch = await app.QuoteAsync(shortClient, shortCard, 1_500m);
        var plainOffer = await app.QuoteAsync(plainClient, plainCard, 300m);

        var answers = await Task.WhenAll(
            app.PayAsync(twiceClient, twiceOffers[0]), app.PayAsync(twiceClient, twiceOffers[1]),
            app.PayAsync(repeatedClient, repeatedOffer), app.PayAsync(repeatedClient, repeatedOffer), app.PayAsync(repeatedClient, repeatedOffer),
            app.PayAsync(shortClient, tooMuch), app.PayAsync(plainClient, plainOffer));

        Assert.All(answers.Take(5).Append(answers[6]), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        await answers[5].AssertErrorAsync(HttpStatusCode.BadRequest, "INSUFFICIENT_FUNDS");
        var repeatedIds = await Task.WhenAll(answers.Skip(2).Take(3).Select(async a =>
            (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64()));
        Assert.Single(repeatedIds.Distinct());
        Assert.Equal(700m, await app.BalanceAsync(twice.Id, "USDT"));
        Assert.Equal(900m, await app.BalanceAsync(repeated.Id, "USDT"));
        Assert.Equal(700m, await app.BalanceAsync(plain.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    private async Task<string> ScrapeAsync()
    {
        using var scraper = app.CreateClient();
        return string.Join('\n', (await scraper.GetStringAsync("/metrics")).Split('\n').Where(l => l.Contains("batch", StringComparison.Ordinal)));
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
