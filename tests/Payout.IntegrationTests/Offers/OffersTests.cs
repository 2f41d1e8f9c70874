using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Offers;

[Collection(SharedAppCollection.Name)]
public sealed class OffersTests(PayoutApp app)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Vaults_example_offer_is_priced_exactly_with_the_specs_names_and_types()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync(deposit: 5_000m);

        var response = await client.PostAsync("/v4/payout/offer",
            Json($$"""{"amount": 760.06209697, "fromCurrency": "USDT", "toCurrency": "EUR", "cardId": {{cardId}}}"""));

        await response.AssertSuccessAsync();
        var offer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Number, offer.GetProperty("offerId").ValueKind);
        Assert.Equal(20, offer.GetProperty("validSeconds").GetInt32());
        Assert.Equal(760.06209697m, offer.GetProperty("amount").GetDecimal());
        Assert.Equal("USDT", offer.GetProperty("currencyFrom").GetString());
        Assert.Equal("EUR", offer.GetProperty("currencyTo").GetString());
        // Market 0.92 EUR per USDT less the 2 % spread; amountTo rounded down; the fee line rounded up once:
        // 760.06209697 × 0.035 + 2.5 ÷ 0.9016 = 29.375021665… → 29.37502167.
        Assert.Equal(0.9016m, offer.GetProperty("rate").GetDecimal());
        Assert.Equal(685.27m, offer.GetProperty("amountTo").GetDecimal());
        // Vault's three lines, in its order, the zero ones included; no partner fee line at 0.
        Assert.Equal(
            [
                ("USDT", "Transaction fee", 8, 29.37502167m, "TRANSACTION_FEE"),
                ("USDT", "Crypterium GAS", 8, 0m, "CRYPTERIUM_GAS"),
                ("USDT", "Additional fee", 8, 0m, "ADDITIONAL_FEE"),
            ],
            offer.GetProperty("feeInfo").EnumerateArray().Select(fee => (fee.GetProperty("currency").GetString(), fee.GetProperty("name").GetString(),
                fee.GetProperty("scale").GetInt32(), fee.GetProperty("value").GetDecimal(), fee.GetProperty("type").GetString())));
        Assert.All(offer.GetProperty("feeInfo").EnumerateArray(), fee => Assert.Equal(JsonValueKind.Number, fee.GetProperty("value").ValueKind));
        Assert.True(offer.GetProperty("possibleToExecute").GetBoolean());
        Assert.Empty(offer.GetProperty("reasons").EnumerateArray());
        Assert.Equal(9_700m, offer.GetProperty("limit").GetProperty("value").GetDecimal());
        Assert.Equal("EUR", offer.GetProperty("limit").GetProperty("currency").GetString());
        Assert.Equal("2026-11-23T12:00:20.000Z", offer.GetProperty("expiresAt").GetString());
    }

    [Fact]
    public async Task Vaults_example_update_reprices_the_same_offer()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync(deposit: 5_000m);
        var offerId = await app.QuoteAsync(client, cardId, 760.06209697m);

        var response = await client.PutAsync($"/v4/payout/offer/{offerId}",
            Json("""{"amount": 55.47614851, "fromCurrency": "USDT", "toCurrency": "EUR"}"""));

        await response.AssertSuccessAsync();
        var offer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(offerId, offer.GetProperty("offerId").GetInt64());
        Assert.Equal(55.47614851m, offer.GetProperty("amount").GetDecimal());
        Assert.Equal(50.01m, offer.GetProperty("amountTo").GetDecimal());
        Assert.Equal(4.71451347m, offer.GetProperty("feeInfo")[0].GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Update_can_change_the_pair()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 5_000m);
        await app.DepositAsync(customer.Id, "ETH", 1m);
        var offerId = await app.QuoteAsync(client, cardId, 100m);

        var response = await client.PutAsJsonAsync($"/v4/payout/offer/{offerId}", new { amount = 0.1m, fromCurrency = "ETH", toCurrency = "USD" });

        var offer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("ETH", "USD"), (offer.GetProperty("currencyFrom").GetString(), offer.GetProperty("currencyTo").GetString()));
    }

    [Theory]
    [InlineData("BTC", "ETH")]
    [InlineData("EUR", "BTC")]
    [InlineData("DOGE", "EUR")]
    [InlineData("USDT", "GBP")]
    [InlineData("usdt", "EUR")]
    public async Task Unsupported_pairs_are_400_pair_not_supported(string from, string to)
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var response = await app.CreateOfferAsync(client, cardId, 100m, from, to);
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "PAIR_NOT_SUPPORTED");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("0.000000001")]
    [InlineData("1000000000.1")]
    [InlineData("\"100\"")]
    [InlineData("null")]
    [InlineData("1e30")]
    public async Task Amounts_out_of_range_are_400_validation_on_amount(string amount)
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();

        var response = await client.PostAsync("/v4/payout/offer",
            Json($$"""{"amount": {{amount}}, "fromCurrency": "USDT", "toCurrency": "EUR", "cardId": {{cardId}}}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "amount");
    }

    [Fact]
    public async Task Fiat_scale_is_not_the_limit_for_a_crypto_amount()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var offer = await app.OfferAsync(client, cardId, 100.12345678m);
        Assert.Equal(100.12345678m, offer.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Amounts_outside_the_bounds_are_quoted_with_reasons_not_refused()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync(deposit: 5_000m);

        var small = await app.OfferAsync(client, cardId, 1m);
        var large = await app.OfferAsync(client, cardId, 4_000m);

        Assert.False(small.GetProperty("possibleToExecute").GetBoolean());
        Assert.Equal(["AMOUNT_BELOW_MINIMUM"], small.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["AMOUNT_ABOVE_MAXIMUM"], large.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Reasons_list_every_failing_execute_check()
    {
        var customer = await app.CreateCustomerAsync("KYC_0");
        using var client = await app.ClientForAsync(customer);
        var cardId = await app.AddCardAsync(client, withBillingAddress: false);

        var offer = await app.OfferAsync(client, cardId, 100m);

        Assert.False(offer.GetProperty("possibleToExecute").GetBoolean());
        Assert.Equal(["KYC_LEVEL_TOO_LOW", "BILLING_ADDRESS_REQUIRED", "INSUFFICIENT_FUNDS", "LIMIT_EXCEEDED"],
            offer.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(0m, offer.GetProperty("limit").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Missing_fields_are_400_naming_them()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();

        await (await client.PostAsJsonAsync("/v4/payout/offer", new { amount = 100m, toCurrency = "EUR", cardId }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "fromCurrency");
        await (await client.PostAsJsonAsync("/v4/payout/offer", new { amount = 100m, fromCurrency = "USDT", toCurrency = "EUR" }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "cardId");
        await (await client.PostAsync("/v4/payout/offer", Json($$"""{"amount": 100, "fromCurrency": "USDT", "toCurrency": "EUR", "cardId": "{{cardId}}"}""")))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "cardId");
    }

    [Fact]
    public async Task An_unknown_or_deleted_card_is_404_card_not_found()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();

        await (await app.CreateOfferAsync(client, 987654321, 100m)).AssertErrorAsync(HttpStatusCode.NotFound, "CARD_NOT_FOUND");
        await client.DeleteAsync($"/v4/payout/card/{cardId}").AssertSuccessAsync();
        await (await app.CreateOfferAsync(client, cardId, 100m)).AssertErrorAsync(HttpStatusCode.NotFound, "CARD_NOT_FOUND");
    }

    [Fact]
    public async Task Another_customer_cannot_quote_on_a_card_or_update_an_offer()
    {
        var (_, owner, cardId) = await app.PayingCustomerAsync();
        var (_, stranger, _) = await app.PayingCustomerAsync();
        var offerId = await app.QuoteAsync(owner, cardId, 100m);

        await (await app.CreateOfferAsync(stranger, cardId, 100m)).AssertErrorAsync(HttpStatusCode.NotFound, "CARD_NOT_FOUND");
        await (await stranger.PutAsJsonAsync($"/v4/payout/offer/{offerId}", new { amount = 50m, fromCurrency = "USDT", toCurrency = "EUR" }))
            .AssertErrorAsync(HttpStatusCode.NotFound, "OFFER_NOT_FOUND");
        await (await app.PayAsync(stranger, offerId)).AssertErrorAsync(HttpStatusCode.NotFound, "OFFER_NOT_FOUND");
        await (await stranger.PutAsJsonAsync("/v4/payout/offer/987654321", new { amount = 50m, fromCurrency = "USDT", toCurrency = "EUR" }))
            .AssertErrorAsync(HttpStatusCode.NotFound, "OFFER_NOT_FOUND");
    }

    [Fact]
    public async Task An_executed_offer_cannot_be_updated()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var offerId = await app.QuoteAsync(client, cardId, 100m);
        await app.ExecuteAsync(client, offerId);

        var response = await client.PutAsJsonAsync($"/v4/payout/offer/{offerId}", new { amount = 50m, fromCurrency = "USDT", toCurrency = "EUR" });

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "OFFER_ALREADY_EXECUTED");
        await app.AssertLedgerHoldsAsync();
    }
}
