using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Payouts;

[Collection(SharedAppCollection.Name)]
public sealed class ExecuteTests(PayoutApp app)
{
    [Fact]
    public async Task Execute_debits_amount_plus_fees_once_and_answers_the_operation()
    {
        var (customer, client, _) = await app.PayingCustomerAsync(deposit: 1_000m);
        var cardId = await app.AddCardAsync(client);
        var offer = await app.OfferAsync(client, cardId, 100m);
        var offerId = offer.GetProperty("offerId").GetInt64();
        var fee = offer.GetProperty("feeInfo")[0].GetProperty("value").GetDecimal();

        var response = await app.PayAsync(client, offerId);

        await response.AssertSuccessAsync();
        var payout = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("SUCCESS", payout.GetProperty("status").GetString());
        Assert.Equal(100m, payout.GetProperty("amountFrom").GetDecimal());
        Assert.Equal("USDT", payout.GetProperty("currencyFrom").GetString());
        Assert.Equal(offer.GetProperty("amountTo").GetDecimal(), payout.GetProperty("amountTo").GetDecimal());
        Assert.Equal("EUR", payout.GetProperty("currencyTo").GetString());
        Assert.Equal(JsonValueKind.Number, payout.GetProperty("operationId").ValueKind);
        Assert.Equal(offerId, payout.GetProperty("offerId").GetInt64());
        Assert.Equal(fee, payout.GetProperty("fee").GetDecimal());
        Assert.Equal(100m + fee, payout.GetProperty("totalDebited").GetDecimal());
        Assert.Equal("2026-11-23T12:00:00.000Z", payout.GetProperty("createdAt").GetString());
        Assert.Equal(1_000m - 100m - fee, await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Execute_twice_debits_once_and_answers_the_same_operation()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 1_000m);
        var offer = await app.OfferAsync(client, cardId, 100m);
        var offerId = offer.GetProperty("offerId").GetInt64();

        var first = await app.ExecuteAsync(client, offerId);
        var second = await app.ExecuteAsync(client, offerId);

        Assert.Equal(first.GetProperty("operationId").GetInt64(), second.GetProperty("operationId").GetInt64());
        Assert.Equal(1_000m - first.GetProperty("totalDebited").GetDecimal(), await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Vaults_bare_sdk_version_header_works_for_the_whole_flow()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        client.DefaultRequestHeaders.Remove("X-Sdk-Version");
        client.DefaultRequestHeaders.Add("X-Sdk-Version", "1.2");

        var offerId = await app.QuoteAsync(client, cardId, 50m);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v4/payout/data")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PayAsync(client, offerId)).StatusCode);
    }

    [Fact]
    public async Task Unknown_offer_is_404()
    {
        var (_, client, _) = await app.PayingCustomerAsync();
        await (await app.PayAsync(client, 987654321)).AssertErrorAsync(HttpStatusCode.NotFound, "OFFER_NOT_FOUND");
    }

    [Fact]
    public async Task Kyc_0_can_quote_but_not_execute()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync(kycLevel: "KYC_0");
        var offerId = await app.QuoteAsync(client, cardId, 50m);

        await (await app.PayAsync(client, offerId)).AssertErrorAsync(HttpStatusCode.Forbidden, "KYC_LEVEL_TOO_LOW");
        Assert.Equal(1_000m, await app.BalanceAsync(customer.Id, "USDT"));
    }

    [Fact]
    public async Task Without_a_billing_address_execute_is_refused()
    {
        var (customer, client, _) = await app.PayingCustomerAsync();
        var cardId = await app.AddCardAsync(client, "4111111111111111", withBillingAddress: false);
        var offerId = await app.QuoteAsync(client, cardId, 50m);

        await (await app.PayAsync(client, offerId)).AssertErrorAsync(HttpStatusCode.BadRequest, "BILLING_ADDRESS_REQUIRED");
        Assert.Equal(1_000m, await app.BalanceAsync(customer.Id, "USDT"));
    }

    [Theory]
    [InlineData(1, "AMOUNT_BELOW_MINIMUM")]
    [InlineData(3_000, "AMOUNT_ABOVE_MAXIMUM")]
    [InlineData(990, "INSUFFICIENT_FUNDS")]
    public async Task Checks_refuse_execute_and_move_nothing(int amount, string code)
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 1_000m);
        var offerId = await app.QuoteAsync(client, cardId, amount);

        await (await app.PayAsync(client, offerId)).AssertErrorAsync(HttpStatusCode.BadRequest, code);

        Assert.Equal(1_000m, await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_payout_beyond_the_kyc_limit_is_refused()
    {
        // KYC_1 allows 9 700 EUR in 30 days: three payouts of 2 500 EUR pass, a fourth would make 10 000.
        var (_, client, cardId) = await app.PayingCustomerAsync(deposit: 20_000m);
        const decimal amount = 2_772.84826974m;
        for (var i = 0; i < 3; i++)
        {
            var offerId = await app.QuoteAsync(client, cardId, amount);
            Assert.Equal(HttpStatusCode.OK, (await app.PayAsync(client, offerId)).StatusCode);
        }

        var fourth = await app.OfferAsync(client, cardId, amount);
        Assert.Equal(["LIMIT_EXCEEDED"], fourth.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(9_700m - (3 * 2_499.99m), fourth.GetProperty("limit").GetProperty("value").GetDecimal());
        await (await app.PayAsync(client, fourth.GetProperty("offerId").GetInt64())).AssertErrorAsync(HttpStatusCode.BadRequest, "LIMIT_EXCEEDED");

        var data = await client.GetFromJsonAsync<JsonElement>("/v4/payout/data");
        var usdtEur = data.GetProperty("cards")[0].GetProperty("pairsLimits").EnumerateArray()
            .Single(p => p.GetProperty("currencyFrom").GetString() == "USDT" && p.GetProperty("currencyTo").GetString() == "EUR");
        Assert.True(usdtEur.GetProperty("allAmountFrom").GetDecimal() * 0.9016m <= 9_700m - (3 * 2_499.99m));
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_usd_payout_counts_against_the_eur_limit_at_the_reference_rate()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync(deposit: 1_000m);
        var offer = await app.OfferAsync(client, cardId, 100m, "USDT", "USD");
        await app.PayAsync(client, offer.GetProperty("offerId").GetInt64()).AssertSuccessAsync();

        var next = await app.OfferAsync(client, cardId, 100m);

        // 98 USD (100 × 0.98) at 0.92 EUR per USD = 90.16 EUR used.
        Assert.Equal(98m, offer.GetProperty("amountTo").GetDecimal());
        Assert.Equal(9_700m - 90.16m, next.GetProperty("limit").GetProperty("value").GetDecimal());
    }
}
