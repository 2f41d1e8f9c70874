using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Slippage;

/// <summary>Executing an expired offer with a slippage band (issue 13 item 4).</summary>
public sealed class SlippageTests(SlippageApp app) : IClassFixture<SlippageApp>
{
    [Fact]
    public async Task Within_the_band_a_better_fresh_rate_is_used()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var offer = await OfferWithBandAsync(client, cardId, 50m, 0.01m);
        await ExpireAndMoveAsync(1.005m);

        var paid = await PayOkAsync(client, offer);

        Assert.True(paid.GetProperty("rate").GetDecimal() > offer.GetProperty("rate").GetDecimal());
        Assert.True(paid.GetProperty("amountTo").GetDecimal() > offer.GetProperty("amountTo").GetDecimal());
        var operation = await client.GetFromJsonAsync<JsonElement>($"/v4/payout/operations/{paid.GetProperty("operationId").GetInt64()}");
        Assert.Equal(paid.GetProperty("rate").GetDecimal(), operation.GetProperty("rate").GetDecimal());
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Within_the_band_a_worse_fresh_rate_keeps_the_locked_rate()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        var offer = await OfferWithBandAsync(client, cardId, 50m, 0.01m);
        await ExpireAndMoveAsync(0.995m);

        var paid = await PayOkAsync(client, offer);

        Assert.Equal(offer.GetProperty("rate").GetDecimal(), paid.GetProperty("rate").GetDecimal());
        Assert.Equal(offer.GetProperty("amountTo").GetDecimal(), paid.GetProperty("amountTo").GetDecimal());
        Assert.Equal(1_000m - paid.GetProperty("totalDebited").GetDecimal(), await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Outside_the_band_the_offer_has_expired_and_the_answer_gives_the_fresh_rate()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        var offer = await OfferWithBandAsync(client, cardId, 50m, 0.01m);
        await ExpireAndMoveAsync(0.98m);

        var body = await (await app.PayAsync(client, offer.GetProperty("offerId").GetInt64())).AssertErrorAsync(HttpStatusCode.BadRequest, "OFFER_EXPIRED");

        Assert.Contains("slippage band", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        // The rate now is about 2 % below the locked one: what a re-quote would lock.
        var fresh = body.GetProperty("data").GetProperty("freshRate").GetDecimal();
        Assert.InRange(fresh, offer.GetProperty("rate").GetDecimal() * 0.979m, offer.GetProperty("rate").GetDecimal() * 0.981m);
        Assert.Equal(1_000m, await app.BalanceAsync(customer.Id, "USDT"));
    }

    [Fact]
    public async Task Without_a_band_an_expired_offer_has_expired_however_little_the_rate_moved()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var offer = await OfferWithBandAsync(client, cardId, 50m, null);
        Assert.Equal(0m, offer.GetProperty("maxSlippage").GetDecimal());
        await ExpireAndMoveAsync(1m);

        await (await app.PayAsync(client, offer.GetProperty("offerId").GetInt64())).AssertErrorAsync(HttpStatusCode.BadRequest, "OFFER_EXPIRED");
    }

    [Fact]
    public async Task A_band_that_would_take_the_house_past_its_exposure_cap_is_not_honoured()
    {
        // 1 500 USDT at about 0.90 EUR, kept at a locked rate 0.5 % above the market: about 6.8 EUR, over the 5 EUR cap.
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 6_000m);
        var offer = await OfferWithBandAsync(client, cardId, 1_500m, 0.01m);
        await ExpireAndMoveAsync(0.995m);

        await (await app.PayAsync(client, offer.GetProperty("offerId").GetInt64())).AssertErrorAsync(HttpStatusCode.BadRequest, "OFFER_EXPIRED");
        Assert.Equal(6_000m, await app.BalanceAsync(customer.Id, "USDT"));

        // The same offer once the market is better than its rate: the band costs nothing, so the cap does not stop it.
        app.UsdtEurMove = 1.005m;
        var paid = await PayOkAsync(client, offer);
        Assert.True(paid.GetProperty("rate").GetDecimal() > offer.GetProperty("rate").GetDecimal());
        await app.AssertLedgerHoldsAsync();
    }

    [Theory]
    [InlineData(-0.001)]
    [InlineData(0.0201)]
    [InlineData(0.00001)]
    public async Task A_band_below_0_above_2_percent_or_finer_than_a_basis_point_is_a_validation_error(double band)
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var response = await client.PostAsJsonAsync("/v4/payout/offer",
            new { amount = 50m, fromCurrency = "USDT", toCurrency = "EUR", cardId, maxSlippage = (decimal)band });
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "maxSlippage");
    }

    private async Task<JsonElement> OfferWithBandAsync(HttpClient client, long cardId, decimal amount, decimal? band)
    {
        app.UsdtEurMove = 1m;
        var response = await client.PostAsJsonAsync("/v4/payout/offer",
            new { amount, fromCurrency = "USDT", toCurrency = "EUR", cardId, maxSlippage = band });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var offer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(offer.GetProperty("possibleToExecute").GetBoolean(), offer.GetRawText());
        return offer;
    }

    private Task ExpireAndMoveAsync(decimal move)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(21));
        app.UsdtEurMove = move;
        return Task.CompletedTask;
    }

    private async Task<JsonElement> PayOkAsync(HttpClient client, JsonElement offer)
    {
        var response = await app.PayAsync(client, offer.GetProperty("offerId").GetInt64());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
