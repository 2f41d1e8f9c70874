using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Network;

/// <summary>
/// Every behaviour of the sandbox network's test cards (src/Payout.Sandbox/README.md), end to end through
/// the API. The sandbox's delays follow the app's fake clock; the dispatcher polls in real time.
/// </summary>
[Collection(SharedClockAppCollection.Name)]
public sealed class TestCardPathTests(PayoutApp app)
{
    private const string PendingThenPaid = "4000000000000010";
    private const string PendingThenDeclined = "4000000000000028";
    private const string DeclinedAtOnce = "4000000000000036";
    private const string NotEligible = "4000000000000044";
    private const string Transient = "4000000000000051";
    private const string LostResponse = "4000000000000069";
    private const string NoAnswer = "4000000000000077";

    [Theory]
    [InlineData("4012888888881881")]
    [InlineData("5555555555554444")]
    [InlineData("2223003122003222")]
    public async Task Well_known_test_cards_are_paid_at_once(string number)
    {
        var (customer, _, payout) = await ExecuteAsync(number);

        Assert.Equal("SUCCESS", payout.GetProperty("status").GetString());
        Assert.Equal(1_000m - payout.GetProperty("totalDebited").GetDecimal(), await app.BalanceAsync(customer.Id, "USDT"));
        await AssertNetworkPaidOnceAsync(payout);
    }

    /// <summary>
    /// The sandbox waits out its pending delay on the fake clock: when its worker measured the wait just before the test
    /// moved the clock and starts the timer just after, the timer counts from the moved time (a race a real clock does not
    /// have; one failed suite run met it). Another second then lets it fall due.
    /// </summary>
    private void SandboxDelaysFallDue() => app.Clock.Advance(TimeSpan.FromSeconds(1));

    [Fact]
    public async Task Pending_then_paid_settles_through_the_callback()
    {
        var (customer, client, payout) = await ExecuteAsync(PendingThenPaid);
        Assert.Equal("PENDING", payout.GetProperty("status").GetString());

        app.Clock.Advance(TimeSpan.FromSeconds(6));
        var final = await app.WaitForFinalAsync(client, payout.GetProperty("operationId").GetInt64(), nudge: SandboxDelaysFallDue);

        Assert.Equal("SUCCESS", final.GetProperty("status").GetString());
        Assert.Equal(1_000m - payout.GetProperty("totalDebited").GetDecimal(), await app.BalanceAsync(customer.Id, "USDT"));
        await AssertNetworkPaidOnceAsync(payout);
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Pending_then_declined_refunds_everything_and_frees_the_limit()
    {
        var (customer, client, payout) = await ExecuteAsync(PendingThenDeclined);
        Assert.Equal("PENDING", payout.GetProperty("status").GetString());
        Assert.Equal(1_000m - payout.GetProperty("totalDebited").GetDecimal(), await app.BalanceAsync(customer.Id, "USDT"));

        app.Clock.Advance(TimeSpan.FromSeconds(6));
        var final = await app.WaitForFinalAsync(client, payout.GetProperty("operationId").GetInt64(), nudge: SandboxDelaysFallDue);

        Assert.Equal("FAILED", final.GetProperty("status").GetString());
        Assert.Equal("ISSUER_DECLINED", final.GetProperty("failureReason").GetString());
        Assert.Equal(1_000m, await app.BalanceAsync(customer.Id, "USDT"));
        await AssertRemainingLimitAsync(client, 9_700m);
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Declined_at_once_fails_in_the_execute_answer_and_refunds()
    {
        var (customer, _, payout) = await ExecuteAsync(DeclinedAtOnce);

        Assert.Equal("FAILED", payout.GetProperty("status").GetString());
        Assert.Equal(1_000m, await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_card_the_network_finds_not_eligible_is_declined_when_added()
    {
        var (_, client, _) = await app.PayingCustomerAsync();

        var response = await client.PostAsJsonAsync("/v4/payout/card",
            new { cardNumber = NotEligible, cardHolder = "Not Eligible", cardExpirationYear = 2030, cardExpirationMonth = 1 });

        Assert.Equal("DECLINED", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("validationStatus").GetString());
    }

    [Fact]
    public async Task Transient_failures_are_retried_and_paid_once()
    {
        var (_, client, payout) = await ExecuteAsync(Transient);

        // The retries usually finish inside execute's wait, but on a loaded machine the answer may still be PENDING.
        var final = await app.WaitForFinalAsync(client, payout.GetProperty("operationId").GetInt64());
        Assert.Equal("SUCCESS", final.GetProperty("status").GetString());
        await AssertNetworkPaidOnceAsync(payout);
    }

    [Fact]
    public async Task A_lost_response_is_resolved_by_asking_the_status_never_by_sending_again()
    {
        var (customer, client, payout) = await ExecuteAsync(LostResponse);
        Assert.Equal("PENDING", payout.GetProperty("status").GetString());

        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var final = await app.WaitForFinalAsync(client, payout.GetProperty("operationId").GetInt64());

        Assert.Equal("SUCCESS", final.GetProperty("status").GetString());
        var recorded = await AssertNetworkPaidOnceAsync(payout);
        Assert.Equal(1, recorded.GetProperty("createAttempts").GetInt32());
        Assert.Equal(1_000m - payout.GetProperty("totalDebited").GetDecimal(), await app.BalanceAsync(customer.Id, "USDT"));
    }

    [Fact]
    public async Task Without_any_answer_a_payout_stays_pending_is_never_refunded_and_is_listed_for_operators()
    {
        var (customer, _, payout) = await ExecuteAsync(NoAnswer);
        var operationId = payout.GetProperty("operationId").GetInt64();
        Assert.Equal("PENDING", payout.GetProperty("status").GetString());

        // Three rounds: each time the next try falls due, the dispatcher asks again (and reschedules), but never refunds.
        using var admin = app.AdminClient();
        for (var round = 1; round <= 3; round++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(6));
            var now = app.Clock.GetUtcNow();
            await EventuallyAsync(
                async () => (await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/payouts/{operationId}")).GetProperty("dispatch").GetProperty("dueAt").GetDateTimeOffset() > now,
                TimeSpan.FromSeconds(15), $"round {round}: the dispatcher tried again and scheduled the next try");
        }

        var stuck = await admin.GetFromJsonAsync<JsonElement>("/admin/v1/payouts/stuck");
        var item = Assert.Single(stuck.GetProperty("items").EnumerateArray(), i => i.GetProperty("operationId").GetInt64() == operationId);
        Assert.True(item.GetProperty("attempts").GetInt32() >= 1);
        Assert.Equal(1_000m - payout.GetProperty("totalDebited").GetDecimal(), await app.BalanceAsync(customer.Id, "USDT"));
        using var fresh = await app.ClientForAsync(customer);
        Assert.Equal("PENDING", (await fresh.GetFromJsonAsync<JsonElement>($"/v4/payout/operations/{operationId}")).GetProperty("status").GetString());
        await app.AssertLedgerHoldsAsync();
    }

    private async Task<(TestCustomer Customer, HttpClient Client, JsonElement Payout)> ExecuteAsync(string cardNumber)
    {
        var (customer, client, _) = await app.PayingCustomerAsync();
        var cardId = await app.AddCardAsync(client, cardNumber);
        var offerId = await app.QuoteAsync(client, cardId, 100m);
        var response = await app.PayAsync(client, offerId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (customer, client, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task AssertRemainingLimitAsync(HttpClient client, decimal expected)
    {
        var cardId = (await client.GetFromJsonAsync<JsonElement>("/v4/payout/data")).GetProperty("cards")[0].GetProperty("cardId").GetInt64();
        var offer = await app.OfferAsync(client, cardId, 30m);
        Assert.Equal(expected, offer.GetProperty("limit").GetProperty("value").GetDecimal());
    }

    private async Task<JsonElement> AssertNetworkPaidOnceAsync(JsonElement payout)
    {
        using var network = app.NetworkAdminClient();
        var all = await network.GetFromJsonAsync<JsonElement>("payouts");
        var payoutId = "op-" + payout.GetProperty("operationId").GetInt64();
        var recorded = Assert.Single(all.GetProperty("payouts").EnumerateArray(), p => p.GetProperty("payoutId").GetString() == payoutId);
        Assert.Equal(1, recorded.GetProperty("timesPaid").GetInt32());
        Assert.Equal(payout.GetProperty("amountTo").GetDecimal(), recorded.GetProperty("amount").GetDecimal());
        return recorded;
    }
}
