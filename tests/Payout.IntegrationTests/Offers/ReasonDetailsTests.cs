using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Offers;

/// <summary>An installation where KYC_1 may pay out 100 EUR per rolling 30 days: a few small payouts fill the window.</summary>
public sealed class SmallLimitApp : PayoutApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Payout:KycLimitsEur:KYC_1"] = "100" };
}

/// <summary>
/// Every reason of a quote, and every refusal of execute, says what clears it: <c>reasonDetails</c> beside the offer's
/// <c>reasons</c> (which stay codes), and the error body's <c>data</c>. USDT/EUR is 0.9016 after the spread.
/// </summary>
public sealed class ReasonDetailsTests(SmallLimitApp app) : IClassFixture<SmallLimitApp>
{
    [Fact]
    public async Task The_limit_says_what_is_allowed_now_and_the_instant_the_window_frees_enough_to_the_second()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        var first = await PayAsync(client, cardId, 50m);                 // 45.08 EUR
        app.Clock.Advance(TimeSpan.FromHours(1));
        client = await app.ClientForAsync(customer);
        await PayAsync(client, cardId, 40m);                             // 36.06 EUR: 81.14 used, 18.86 left

        var refused = await app.OfferAsync(client, cardId, 30m);         // 27.04 EUR

        // Room for 27.04 comes when the 45.08 leaves the window: it counts through its time + 30 days, so one second later.
        var frees = first.GetProperty("createdAt").GetDateTimeOffset().AddDays(30).AddSeconds(1);
        Assert.Equal(["LIMIT_EXCEEDED"], Reasons(refused));
        var detail = Assert.Single(refused.GetProperty("reasonDetails").EnumerateArray());
        Assert.Equal("LIMIT_EXCEEDED", detail.GetProperty("code").GetString());
        Assert.Equal((18.86m, "EUR"), (detail.GetProperty("allowed").GetDecimal(), detail.GetProperty("currency").GetString()));
        Assert.Equal("18.86", detail.GetProperty("allowed").GetRawText()); // canonical, as every amount: never 18.86000000 from numeric(30,8)
        Assert.Equal(frees, detail.GetProperty("retryAfter").GetDateTimeOffset());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$", detail.GetProperty("retryAfter").GetString());
        Assert.Contains("18.86 EUR", detail.GetProperty("message").GetString(), StringComparison.Ordinal);

        app.Clock.SetUtcNow(frees.AddSeconds(-1));
        client = await app.ClientForAsync(customer);
        var stillRefused = await app.OfferAsync(client, cardId, 30m);
        Assert.Equal(["LIMIT_EXCEEDED"], Reasons(stillRefused));
        Assert.Equal(frees, stillRefused.GetProperty("reasonDetails")[0].GetProperty("retryAfter").GetDateTimeOffset());

        app.Clock.SetUtcNow(frees);
        var passes = await app.OfferAsync(client, cardId, 30m);
        Assert.True(passes.GetProperty("possibleToExecute").GetBoolean());
        Assert.Empty(passes.GetProperty("reasonDetails").EnumerateArray());
        (await app.PayAsync(client, passes.GetProperty("offerId").GetInt64())).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task An_execute_the_limit_refuses_carries_the_allowed_amount_and_the_instant_in_data()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var waiting = await app.OfferAsync(client, cardId, 60m);        // 54.09 EUR: fits when quoted
        var other = await PayAsync(client, cardId, 60m);                // 54.09 EUR used, 45.91 left

        var refused = await app.PayAsync(client, waiting.GetProperty("offerId").GetInt64());

        var body = await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "LIMIT_EXCEEDED");
        var data = body.GetProperty("data");
        Assert.Equal((45.91m, "EUR"), (data.GetProperty("allowed").GetDecimal(), data.GetProperty("currency").GetString()));
        Assert.Equal("45.91", data.GetProperty("allowed").GetRawText());
        Assert.Equal(other.GetProperty("createdAt").GetDateTimeOffset().AddDays(30).AddSeconds(1), data.GetProperty("retryAfter").GetDateTimeOffset());
        Assert.Null(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_shortfall_is_named_in_the_crypto_when_quoted_and_when_executed()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 50m);

        // 50 + 50 × 0.035 + 2.5 ÷ 0.9016 = 54.52284826974… → 54.52284827: 4.52284827 short.
        var offer = await app.OfferAsync(client, cardId, 50m);
        var detail = Assert.Single(offer.GetProperty("reasonDetails").EnumerateArray());
        Assert.Equal(("INSUFFICIENT_FUNDS", 4.52284827m, "USDT"),
            (detail.GetProperty("code").GetString(), detail.GetProperty("needed").GetDecimal(), detail.GetProperty("currency").GetString()));

        var body = await (await app.PayAsync(client, offer.GetProperty("offerId").GetInt64())).AssertErrorAsync(HttpStatusCode.BadRequest, "INSUFFICIENT_FUNDS");
        Assert.Equal(4.52284827m, body.GetProperty("data").GetProperty("needed").GetDecimal());
        Assert.Equal("4.52284827", body.GetProperty("data").GetProperty("needed").GetRawText());
        Assert.Equal("USDT", body.GetProperty("data").GetProperty("currency").GetString());
        Assert.Equal(50m, await app.BalanceAsync(customer.Id, "USDT"));
    }

    [Fact]
    public async Task Every_reason_of_a_quote_has_its_detail_in_the_same_order_and_reasons_stay_codes()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync(deposit: 1_000m);

        var tooSmall = await app.OfferAsync(client, cardId, 10m);
        var tooLarge = await app.OfferAsync(client, cardId, 5_000m);

        Assert.Equal(["AMOUNT_BELOW_MINIMUM"], Reasons(tooSmall));
        Assert.Equal(27.7284827m, tooSmall.GetProperty("reasonDetails")[0].GetProperty("bound").GetDecimal());
        Assert.Equal(["AMOUNT_ABOVE_MAXIMUM", "INSUFFICIENT_FUNDS", "LIMIT_EXCEEDED"], Reasons(tooLarge));
        var details = tooLarge.GetProperty("reasonDetails").EnumerateArray().ToList();
        Assert.Equal(Reasons(tooLarge), details.Select(d => d.GetProperty("code").GetString()!));
        Assert.Equal((2_772.84826974m, "USDT"), (details[0].GetProperty("bound").GetDecimal(), details[0].GetProperty("currency").GetString()));
        Assert.Equal(5_000m + 177.77284827m - 1_000m, details[1].GetProperty("needed").GetDecimal());
        // 4508 EUR is more than the whole limit of 100: waiting never clears it, so no instant is given.
        Assert.Equal(100m, details[2].GetProperty("allowed").GetDecimal());
        Assert.False(details[2].TryGetProperty("retryAfter", out _));
        Assert.All(details, d => Assert.Equal(JsonValueKind.String, d.GetProperty("message").ValueKind));
    }

    [Fact]
    public async Task Kyc_names_the_level_needed_in_the_quote_and_in_the_refusal()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync(kycLevel: "KYC_0");

        var offer = await app.OfferAsync(client, cardId, 30m);
        var refused = await app.PayAsync(client, offer.GetProperty("offerId").GetInt64());

        var detail = offer.GetProperty("reasonDetails")[0];
        Assert.Equal(("KYC_LEVEL_TOO_LOW", "KYC_1"), (detail.GetProperty("code").GetString(), detail.GetProperty("kycLevel").GetString()));
        var body = await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "KYC_LEVEL_TOO_LOW");
        Assert.Equal("KYC_1", body.GetProperty("data").GetProperty("kycLevel").GetString());
    }

    [Fact]
    public async Task An_expired_offer_says_to_quote_again_when_executed_or_updated()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var offerId = (await app.OfferAsync(client, cardId, 30m)).GetProperty("offerId").GetInt64();
        app.Clock.Advance(TimeSpan.FromSeconds(21));

        var executed = await (await app.PayAsync(client, offerId)).AssertErrorAsync(HttpStatusCode.BadRequest, "OFFER_EXPIRED");
        var updated = await (await client.PutAsJsonAsync($"/v4/payout/offer/{offerId}", new { amount = 31m, fromCurrency = "USDT", toCurrency = "EUR" }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "OFFER_EXPIRED");

        Assert.All(new[] { executed, updated }, body =>
        {
            Assert.Contains("POST /v4/payout/offer", body.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Empty(body.GetProperty("data").EnumerateObject());
        });
    }

    private async Task<JsonElement> PayAsync(HttpClient client, long cardId, decimal amount)
    {
        var offer = await app.OfferAsync(client, cardId, amount);
        var paid = await app.PayAsync(client, offer.GetProperty("offerId").GetInt64());
        Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
        return await paid.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string[] Reasons(JsonElement offer) => [.. offer.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)];
}
