using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Payouts;

/// <summary>Moves the app's clock: offers expire, cards expire, the 30-day window rolls.</summary>
[Collection(SharedClockAppCollection.Name)]
public sealed class ExpiryAndWindowTests(PayoutApp app)
{
    [Fact]
    public async Task An_expired_offer_can_be_neither_executed_nor_updated()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        var offerId = await app.QuoteAsync(client, cardId, 50m);

        app.Clock.Advance(TimeSpan.FromSeconds(20));

        await (await app.PayAsync(client, offerId)).AssertErrorAsync(HttpStatusCode.BadRequest, "OFFER_EXPIRED");
        await (await client.PutAsJsonAsync($"/v4/payout/offer/{offerId}", new { amount = 60m, fromCurrency = "USDT", toCurrency = "EUR" }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "OFFER_EXPIRED");
        Assert.Equal(1_000m, await app.BalanceAsync(customer.Id, "USDT"));
    }

    [Fact]
    public async Task An_update_starts_a_new_validity_period()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var offerId = await app.QuoteAsync(client, cardId, 50m);
        app.Clock.Advance(TimeSpan.FromSeconds(15));

        await client.PutAsJsonAsync($"/v4/payout/offer/{offerId}", new { amount = 60m, fromCurrency = "USDT", toCurrency = "EUR" }).AssertSuccessAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.OK, (await app.PayAsync(client, offerId)).StatusCode);
    }

    [Fact]
    public async Task An_executed_and_expired_offer_is_already_executed_and_replays_at_any_age()
    {
        var (customer, signedIn, cardId) = await app.PayingCustomerAsync();
        var offerId = await app.QuoteAsync(signedIn, cardId, 50m);
        var first = await app.ExecuteAsync(signedIn, offerId);

        app.Clock.Advance(TimeSpan.FromDays(3));
        using var client = await app.ClientForAsync(customer);

        await (await client.PutAsJsonAsync($"/v4/payout/offer/{offerId}", new { amount = 60m, fromCurrency = "USDT", toCurrency = "EUR" }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "OFFER_ALREADY_EXECUTED");
        var replay = await app.ExecuteAsync(client, offerId);
        Assert.Equal(first.GetProperty("operationId").GetInt64(), replay.GetProperty("operationId").GetInt64());
    }

    [Fact]
    public async Task A_card_past_its_month_cannot_be_paid_out_to()
    {
        var (customer, client, _) = await app.PayingCustomerAsync();
        var now = app.Clock.GetUtcNow();
        var response = await client.PostAsJsonAsync("/v4/payout/card",
            new { cardNumber = "5555555555554444", cardHolder = "Soon Expired", cardExpirationYear = now.Year, cardExpirationMonth = now.Month });
        var cardId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cardId").GetInt64();
        await client.PostAsJsonAsync($"/v4/payout/card/{cardId}/billing-address",
            new { address = "1 High Street", city = "London", countryCode = "GB", zip = "SW1A 1AA" }).AssertSuccessAsync();

        app.Clock.SetUtcNow(new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1));
        client = await app.ClientForAsync(customer);
        var offer = await app.OfferAsync(client, cardId, 50m);

        Assert.Equal(["CARD_EXPIRED"], offer.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        await (await app.PayAsync(client, offer.GetProperty("offerId").GetInt64())).AssertErrorAsync(HttpStatusCode.BadRequest, "CARD_EXPIRED");
        Assert.Equal(1_000m, await app.BalanceAsync(customer.Id, "USDT"));
    }

    [Fact]
    public async Task Payouts_older_than_the_window_no_longer_count_against_the_limit()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 5_000m);
        var offerId = await app.QuoteAsync(client, cardId, 1_000m);
        await app.ExecuteAsync(client, offerId);
        var during = (await app.OfferAsync(client, cardId, 10m)).GetProperty("limit").GetProperty("value").GetDecimal();

        app.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        client = await app.ClientForAsync(customer);
        var after = (await app.OfferAsync(client, cardId, 10m)).GetProperty("limit").GetProperty("value").GetDecimal();

        Assert.Equal(9_700m - 901.60m, during);
        Assert.Equal(9_700m, after);
    }

    [Fact]
    public async Task The_window_counts_its_first_day_from_the_second_it_starts_and_each_later_day_whole()
    {
        // Noon (UTC) of a day to come: the payouts' days are then known, and the window's start falls inside one of them.
        var now = app.Clock.GetUtcNow();
        app.Clock.Advance(now.UtcDateTime.Date.AddDays(1).AddHours(12) - now.UtcDateTime);
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 5_000m);
        await app.ExecuteAsync(client, await app.QuoteAsync(client, cardId, 1_000m));
        app.Clock.Advance(TimeSpan.FromDays(1));
        client = await app.ClientForAsync(customer);
        await app.ExecuteAsync(client, await app.QuoteAsync(client, cardId, 1_000m));

        async Task<decimal> LimitLeftAfterAsync(TimeSpan wait)
        {
            app.Clock.Advance(wait);
            client = await app.ClientForAsync(customer);
            return (await app.OfferAsync(client, cardId, 10m)).GetProperty("limit").GetProperty("value").GetDecimal();
        }

        // 30 days after the first payout less an hour: the window starts on its day, an hour before it.
        Assert.Equal(9_700m - (2 * 901.60m), await LimitLeftAfterAsync(TimeSpan.FromDays(29) - TimeSpan.FromHours(1)));
        // Two hours later the window starts after it, on the same day; the second payout's day is still whole inside.
        Assert.Equal(9_700m - 901.60m, await LimitLeftAfterAsync(TimeSpan.FromHours(2)));
        // A day later the window starts after the second as well.
        Assert.Equal(9_700m, await LimitLeftAfterAsync(TimeSpan.FromDays(1)));
    }
}
