using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Features.Ledger;
using Payout.Api.Features.Payouts;
using Payout.Api.Infrastructure.Persistence;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Ledger;

/// <summary>
/// The operators' proof finds each kind of damage: a balance that is not the sum of its postings, postings that no
/// longer sum to zero, and a KYC limit's daily sum that is not its payouts'. Each test damages its own app's ledger.
/// </summary>
public sealed class LedgerInvariantTests : IAsyncLifetime
{
    private readonly PayoutApp app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_intact_ledger_holds()
    {
        var customer = await app.CreateCustomerAsync();
        await app.DepositAsync(customer.Id, "USDT", 250.5m);

        var answer = await app.AdminClient().GetFromJsonAsync<JsonElement>("/admin/v1/ledger/invariant");

        Assert.True(answer.GetProperty("holds").GetBoolean(), answer.ToString());
    }

    [Fact]
    public async Task A_balance_changed_without_postings_is_reported_with_both_figures()
    {
        var customer = await app.CreateCustomerAsync();
        await app.DepositAsync(customer.Id, "USDT", 250.5m);
        var code = await DamageAsync(customer.Id, (db, account) => db.Set<LedgerAccount>()
            .Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, 300m)));

        var answer = await app.AdminClient().GetFromJsonAsync<JsonElement>("/admin/v1/ledger/invariant");

        Assert.False(answer.GetProperty("holds").GetBoolean());
        Assert.Equal(
            [$"Account {code} has balance 300 but its postings sum to 250.5."],
            answer.GetProperty("violations").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task A_posting_changed_alone_breaks_its_currency_sum_and_its_account()
    {
        var customer = await app.CreateCustomerAsync();
        await app.DepositAsync(customer.Id, "USDT", 250.5m);
        var code = await DamageAsync(customer.Id, (db, account) => db.Set<LedgerPosting>()
            .Where(p => p.AccountId == account.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Amount, 250.25m)));

        var answer = await app.AdminClient().GetFromJsonAsync<JsonElement>("/admin/v1/ledger/invariant");

        Assert.False(answer.GetProperty("holds").GetBoolean());
        Assert.Equal(
            ["Postings in USDT sum to -0.25, not 0.", $"Account {code} has balance 250.5 but its postings sum to 250.25."],
            answer.GetProperty("violations").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task A_kyc_limit_day_that_disagrees_with_its_payouts_is_reported_with_both_figures()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 5_000m);
        await app.ExecuteAsync(client, await app.QuoteAsync(client, cardId, 1_000m));
        await app.Inside.TamperAsync(db => db.Set<KycLimitDay>()
            .Where(d => d.CustomerId == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.UsedEur, 1_000m)));

        var answer = await app.AdminClient().GetFromJsonAsync<JsonElement>("/admin/v1/ledger/invariant");

        Assert.False(answer.GetProperty("holds").GetBoolean());
        Assert.Equal(
            [$"Customer {customer.Id}'s KYC limit used on {app.Clock.GetUtcNow():yyyy-MM-dd} is kept as 1000 but its payouts count 901.6."],
            answer.GetProperty("violations").EnumerateArray().Select(v => v.GetString()));
    }

    /// <summary>Applies <paramref name="damage"/> to the customer's USDT wallet, behind the ledger's back; answers its code.</summary>
    private async Task<string> DamageAsync(long customerId, Func<PayoutDbContext, LedgerAccount, Task<int>> damage)
    {
        return await app.Inside.TamperAsync(async db =>
        {
            var wallet = await db.Set<LedgerAccount>().AsNoTracking().SingleAsync(a => a.CustomerId == customerId && a.Currency == "USDT");
            Assert.Equal(1, await damage(db, wallet));
            return wallet.Code;
        });
    }
}
