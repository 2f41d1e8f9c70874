using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Offers;

[Collection(SharedAppCollection.Name)]
public sealed class PayoutDataTests(PayoutApp app)
{
    [Fact]
    public async Task Data_lists_fees_pairs_and_the_customers_cards_with_limits()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync(deposit: 100m);

        var data = await client.GetFromJsonAsync<JsonElement>("/v4/payout/data");

        var fees = data.GetProperty("fees");
        Assert.Equal((0.02m, 2.5m, 0m, 0m, 0m, 0.035m), (fees.GetProperty("rate").GetDecimal(), fees.GetProperty("fixFee").GetDecimal(),
            fees.GetProperty("partnerFee").GetDecimal(), fees.GetProperty("additionalFee").GetDecimal(),
            fees.GetProperty("crypteriumGas").GetDecimal(), fees.GetProperty("transactionFee").GetDecimal()));
        Assert.Equal(30, data.GetProperty("validSeconds").GetInt32());

        var pairs = data.GetProperty("pairs").EnumerateArray().ToList();
        Assert.Equal(16, pairs.Count);
        var usdtEur = pairs.Single(p => p.GetProperty("currencyFrom").GetString() == "USDT" && p.GetProperty("currencyTo").GetString() == "EUR");
        Assert.Equal(0.9016m, usdtEur.GetProperty("rate").GetDecimal());
        Assert.Equal((8, 2), (usdtEur.GetProperty("amountScaleFrom").GetInt32(), usdtEur.GetProperty("amountScaleTo").GetInt32()));
        // 25 EUR ÷ 0.9016 rounded up; 2 500 EUR ÷ 0.9016 rounded down.
        Assert.Equal(27.72848270m, usdtEur.GetProperty("defaultMinAmountFrom").GetDecimal());
        Assert.Equal(2772.84826974m, usdtEur.GetProperty("defaultMaxAmountFrom").GetDecimal());

        var card = Assert.Single(data.GetProperty("cards").EnumerateArray());
        Assert.Equal(cardId, card.GetProperty("cardId").GetInt64());
        Assert.Equal("4012***1881", card.GetProperty("maskedPan").GetString());
        var limits = card.GetProperty("pairsLimits").EnumerateArray()
            .Single(p => p.GetProperty("currencyFrom").GetString() == "USDT" && p.GetProperty("currencyTo").GetString() == "EUR");
        var all = limits.GetProperty("allAmountFrom").GetDecimal();
        // Balance 100 after fees: a + a × 0.035 + 2.5 ÷ 0.9016 ≤ 100.
        Assert.InRange(all, 93.9m, 94m);
        Assert.Equal(all, usdtEur.GetProperty("defaultMaxAmountAll").GetDecimal());
    }

    [Fact]
    public async Task All_amount_is_zero_without_a_balance_and_other_customers_cards_are_absent()
    {
        var (_, other, _) = await app.PayingCustomerAsync();
        var (_, client, cardId) = await app.PayingCustomerAsync(deposit: 0m);
        await other.PostAsJsonAsync("/v4/payout/card", new { cardNumber = "4111111111111111", cardHolder = "Other Person", cardExpirationYear = 2030, cardExpirationMonth = 1 }).AssertSuccessAsync();

        var data = await client.GetFromJsonAsync<JsonElement>("/v4/payout/data");

        var card = Assert.Single(data.GetProperty("cards").EnumerateArray());
        Assert.Equal(cardId, card.GetProperty("cardId").GetInt64());
        Assert.All(card.GetProperty("pairsLimits").EnumerateArray(), p => Assert.Equal(0m, p.GetProperty("allAmountFrom").GetDecimal()));
    }

    [Fact]
    public async Task A_deleted_card_is_absent_from_data()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        await client.DeleteAsync($"/v4/payout/card/{cardId}").AssertSuccessAsync();

        var data = await client.GetFromJsonAsync<JsonElement>("/v4/payout/data");

        Assert.Empty(data.GetProperty("cards").EnumerateArray());
    }
}
