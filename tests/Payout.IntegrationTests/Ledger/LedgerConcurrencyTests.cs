using System.Net;
using System.Net.Http.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Ledger;

/// <summary>
/// "Never below zero" and exact balances must come from the database, so they hold under concurrent
/// writers (on PostgreSQL: truly parallel transactions; on SQLite: the single-writer lock).
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class LedgerConcurrencyTests(PayoutApp app)
{
    [Fact]
    public async Task Fifty_parallel_deposits_and_fifty_parallel_withdrawals_leave_an_exact_balance()
    {
        var customer = await app.CreateCustomerAsync();
        await app.DepositAsync(customer.Id, "USDT", 100m);
        using var admin = app.AdminClient();

        // 50 deposits of 1 and 50 withdrawals of 3 race: withdrawals may fail only for lack of funds.
        var deposits = Enumerable.Range(0, 50).Select(_ =>
            admin.PostAsJsonAsync($"/admin/v1/customers/{customer.Id}/deposits", new { currency = "USDT", amount = 1m }));
        var withdrawals = Enumerable.Range(0, 50).Select(_ =>
            admin.PostAsJsonAsync($"/admin/v1/customers/{customer.Id}/withdrawals", new { currency = "USDT", amount = 3m }));
        var responses = await Task.WhenAll(deposits.Concat(withdrawals));

        Assert.All(responses.Take(50), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var succeeded = responses.Skip(50).Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Skip(50).Where(r => r.StatusCode != HttpStatusCode.OK),
            r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        var balance = await app.BalanceAsync(customer.Id, "USDT");
        Assert.Equal(150m - (3m * succeeded), balance);
        Assert.True(balance >= 0);
        Assert.True(succeeded >= 33, $"Only {succeeded} withdrawals succeeded although 100 USDT covers 33 of them.");
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Fifty_parallel_withdrawals_never_overdraw()
    {
        var customer = await app.CreateCustomerAsync();
        await app.DepositAsync(customer.Id, "ETH", 10m);
        using var admin = app.AdminClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            admin.PostAsJsonAsync($"/admin/v1/customers/{customer.Id}/withdrawals", new { currency = "ETH", amount = 0.7m })));

        Assert.Equal(14, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(0.2m, await app.BalanceAsync(customer.Id, "ETH"));
        await app.AssertLedgerHoldsAsync();
    }
}
