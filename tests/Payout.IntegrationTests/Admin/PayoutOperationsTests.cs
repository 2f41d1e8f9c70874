using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;
using Payout.Sandbox;

namespace Payout.IntegrationTests.Admin;

/// <summary>The operator endpoints behind the console: payouts, one payout's timeline, a customer, the dashboard.</summary>
public sealed class PayoutOperationsTests(PayoutApp app) : IClassFixture<PayoutApp>
{
    [Fact]
    public async Task Payouts_are_listed_newest_first_and_filtered_by_status_currency_customer_and_day()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        var paid = await PayAsync(client, cardId, 100m);
        var declinedCard = await app.AddCardAsync(client, SandboxCards.DeclinedAtOnce);
        var declined = await PayAsync(client, declinedCard, 50m);
        using var admin = app.AdminClient();

        var all = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/payouts?customerId={customer.Id}");
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        Assert.Equal([declined, paid], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("operationId").GetInt64()));

        var failed = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/payouts?customerId={customer.Id}&status=FAILED&currency=EUR");
        var item = Assert.Single(failed.GetProperty("items").EnumerateArray());
        Assert.Equal(declined, item.GetProperty("operationId").GetInt64());
        Assert.Equal(customer.Id, item.GetProperty("customerId").GetInt64());
        Assert.Equal("DO_NOT_HONOUR", item.GetProperty("failureReason").GetString());

        var today = app.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = app.Clock.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/payouts?customerId={customer.Id}&from={today}&to={today}")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/payouts?customerId={customer.Id}&from={tomorrow}")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/payouts?customerId={customer.Id}&currency=BTC")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("status=paid", "status")]
    [InlineData("from=01-12-2026", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("size=0", "size")]
    public async Task A_bad_payout_filter_is_a_400_naming_the_field(string query, string field)
    {
        using var admin = app.AdminClient();
        var error = await (await admin.GetAsync($"/admin/v1/payouts?{query}")).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Equal(field, error.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_payout_timeline_has_the_quote_debit_network_answer_and_settlement_with_balanced_postings()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        var operationId = await PayAsync(client, cardId, 100m);
        using var admin = app.AdminClient();

        var detail = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/payouts/{operationId}");

        Assert.Equal("SUCCESS", detail.GetProperty("payout").GetProperty("status").GetString());
        Assert.Equal("Done", detail.GetProperty("dispatch").GetProperty("state").GetString());
        var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["QUOTED", "DEBITED", "SENT", "SETTLED"], timeline.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("Paid", timeline[2].GetProperty("outcome").GetString());
        foreach (var money in timeline.Where(e => e.GetProperty("ledgerTransactionId").ValueKind == JsonValueKind.Number))
        {
            var postings = money.GetProperty("postings").EnumerateArray().ToList();
            Assert.NotEmpty(postings);
            Assert.All(postings.GroupBy(p => p.GetProperty("currency").GetString()), g => Assert.Equal(0m, g.Sum(p => p.GetProperty("amount").GetDecimal())));
        }

        var debit = timeline[1].GetProperty("postings").EnumerateArray()
            .Single(p => p.GetProperty("account").GetString() == $"wallet:{customer.Id}:USDT");
        Assert.Equal(-detail.GetProperty("payout").GetProperty("totalDebited").GetDecimal(), debit.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task An_unknown_payout_is_404()
    {
        using var admin = app.AdminClient();
        await (await admin.GetAsync("/admin/v1/payouts/999999")).AssertErrorAsync(HttpStatusCode.NotFound, "OPERATION_NOT_FOUND");
        await (await admin.PostAsync("/admin/v1/payouts/999999/fail", null)).AssertErrorAsync(HttpStatusCode.NotFound, "OPERATION_NOT_FOUND");
    }

    [Fact]
    public async Task A_final_or_young_payout_cannot_be_failed_or_asked_about_and_nothing_moves()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        var paid = await PayAsync(client, cardId, 100m);
        var pendingCard = await app.AddCardAsync(client, SandboxCards.PendingThenPaid);
        var pending = await PayAsync(client, pendingCard, 50m);
        var balance = await app.BalanceAsync(customer.Id, "USDT");
        using var admin = app.AdminClient();

        await (await admin.PostAsync($"/admin/v1/payouts/{paid}/fail", null)).AssertErrorAsync(HttpStatusCode.Conflict, "CONFLICT");
        await (await admin.PostAsync($"/admin/v1/payouts/{paid}/ask-network", null)).AssertErrorAsync(HttpStatusCode.Conflict, "CONFLICT");
        var young = await (await admin.PostAsync($"/admin/v1/payouts/{pending}/fail", null)).AssertErrorAsync(HttpStatusCode.Conflict, "CONFLICT");
        Assert.Contains("stuck", young.GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Equal(balance, await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Asking_the_network_again_applies_its_final_answer_at_once()
    {
        var (_, client, _) = await app.PayingCustomerAsync();
        var pendingCard = await app.AddCardAsync(client, SandboxCards.PendingThenPaid);
        var operationId = await PayAsync(client, pendingCard, 50m);
        using var admin = app.AdminClient();
        var stillPending = await (await admin.PostAsync($"/admin/v1/payouts/{operationId}/ask-network", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PENDING", stillPending.GetProperty("payout").GetProperty("status").GetString());
        Assert.Equal("Pending", stillPending.GetProperty("networkAnswer").GetString());

        // Paid at the network now: the operator's question or the network's callback settles it, whichever comes first.
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        var answered = await PollAskAsync(admin, operationId);
        Assert.Equal("SUCCESS", answered.GetProperty("payout").GetProperty("status").GetString());
        var kinds = (await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/payouts/{operationId}")).GetProperty("timeline").EnumerateArray()
            .Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("OPERATOR_ASKED_AGAIN", kinds);
        Assert.Equal("SETTLED", kinds[^1]);
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_customer_shows_balances_masked_cards_and_the_limit_its_payouts_use()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        await PayAsync(client, cardId, 100m);
        using var admin = app.AdminClient();

        var detail = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/customers/{customer.Id}");

        Assert.Equal("KYC_1", detail.GetProperty("customer").GetProperty("kycLevel").GetString());
        var card = Assert.Single(detail.GetProperty("cards").EnumerateArray());
        Assert.Equal("4012***1881", card.GetProperty("maskedPan").GetString());
        Assert.DoesNotContain("4012888888881881", detail.GetRawText(), StringComparison.Ordinal);
        var payout = Assert.Single(detail.GetProperty("payouts").EnumerateArray());
        var limit = detail.GetProperty("limit");
        Assert.Equal(payout.GetProperty("amountTo").GetDecimal(), limit.GetProperty("usedEur").GetDecimal());
        Assert.Equal(limit.GetProperty("limitEur").GetDecimal() - limit.GetProperty("usedEur").GetDecimal(), limit.GetProperty("remainingEur").GetDecimal());
        Assert.Equal(await app.BalanceAsync(customer.Id, "USDT"),
            detail.GetProperty("balances").EnumerateArray().Single(b => b.GetProperty("currency").GetString() == "USDT").GetProperty("balance").GetDecimal());
        await (await admin.GetAsync("/admin/v1/customers/999999")).AssertErrorAsync(HttpStatusCode.NotFound, "CUSTOMER_NOT_FOUND");
    }

    [Fact]
    public async Task The_dashboard_counts_payouts_in_flight_fees_from_the_ledger_and_float_and_rate_ages()
    {
        // USDC: no other test of this class pays in it, so its fee revenue is this test's alone.
        var (_, client, cardId) = await app.PayingCustomerAsync("USDC");
        using var admin = app.AdminClient();
        var before = await admin.GetFromJsonAsync<JsonElement>("/admin/v1/dashboard");
        var paid = await PayAsync(client, cardId, 100m, "USDC");
        var pendingCard = await app.AddCardAsync(client, SandboxCards.PendingThenPaid);
        await PayAsync(client, pendingCard, 50m, "USDC");

        var after = await admin.GetFromJsonAsync<JsonElement>("/admin/v1/dashboard");

        Assert.True(after.GetProperty("inFlight").GetProperty("count").GetInt32() >= 1);
        var fee = (await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/payouts/{paid}")).GetProperty("payout").GetProperty("fee").GetDecimal();
        Assert.Equal(FeesOf(before, "USDC") + fee, FeesOf(after, "USDC"));
        var volume = after.GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("currency").GetString() == "USDC");
        Assert.Equal(100m, volume.GetProperty("amount").GetDecimal());
        Assert.Equal("crypto", volume.GetProperty("side").GetString());
        var hours = after.GetProperty("payoutsPerHour").EnumerateArray().ToList();
        Assert.Equal(24, hours.Count);
        Assert.Equal(hours.Sum(h => h.GetProperty("total").GetInt32()), (await admin.GetFromJsonAsync<JsonElement>("/admin/v1/payouts?size=1")).GetProperty("total").GetInt32());
        var floats = await admin.GetFromJsonAsync<JsonElement>("/admin/v1/network-float");
        Assert.Equal(
            floats.GetProperty("items").EnumerateArray().Select(f => (f.GetProperty("currency").GetString(), f.GetProperty("available").GetDecimal())),
            after.GetProperty("float").EnumerateArray().Select(f => (f.GetProperty("currency").GetString(), f.GetProperty("available").GetDecimal())));
        var rate = after.GetProperty("rates").EnumerateArray().Single(r => r.GetProperty("from").GetString() == "BTC" && r.GetProperty("to").GetString() == "EUR");
        Assert.False(rate.GetProperty("stale").GetBoolean());
    }

    private static decimal FeesOf(JsonElement dashboard, string currency) =>
        dashboard.GetProperty("feesEarned").EnumerateArray().Where(f => f.GetProperty("currency").GetString() == currency)
            .Sum(f => f.GetProperty("fees").GetDecimal());

    private async Task<long> PayAsync(HttpClient client, long cardId, decimal amount, string currency = "USDT")
    {
        var offerId = await app.QuoteAsync(client, cardId, amount, currency);
        var response = await app.PayAsync(client, offerId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64();
    }

    private static async Task<JsonElement> PollAskAsync(HttpClient admin, long operationId)
    {
        await EventuallyAsync(
            async () =>
            {
                using var response = await admin.PostAsync($"/admin/v1/payouts/{operationId}/ask-network", null);
                return response.StatusCode == HttpStatusCode.Conflict
                    || (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("payout").GetProperty("status").GetString() != "PENDING";
            },
            TimeSpan.FromSeconds(15), "the network answered with a final status");
        return await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/payouts/{operationId}");
    }
}
