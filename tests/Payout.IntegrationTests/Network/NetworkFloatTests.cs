using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Network;

/// <summary>An installation with only 100 EUR and 100 USD at the network.</summary>
public sealed class SmallFloatApp : PayoutApp
{
    protected override decimal NetworkFloat => 100m;
}

/// <summary>The fiat float: reserved at execute, paid out at settlement, never promised twice.</summary>
public sealed class NetworkFloatTests(SmallFloatApp app) : IClassFixture<SmallFloatApp>
{
    [Fact]
    public async Task A_payout_the_float_cannot_cover_is_not_executable_and_nothing_moves()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        var first = await app.OfferAsync(client, cardId, 100m);          // 90.16 EUR: covered
        var second = await app.OfferAsync(client, cardId, 30m);          // 27.04 EUR: covered now, not after the first
        var paid = await (await app.PayAsync(client, first.GetProperty("offerId").GetInt64())).Content.ReadFromJsonAsync<JsonElement>();
        // Settled before the float is read: on a loaded machine execute may answer while the payout is still PENDING.
        Assert.Equal("SUCCESS", (await app.WaitForFinalAsync(client, paid.GetProperty("operationId").GetInt64())).GetProperty("status").GetString());

        var quoted = await app.OfferAsync(client, cardId, 30m);
        Assert.Contains("NETWORK_FLOAT_LOW", quoted.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        var refused = await app.PayAsync(client, second.GetProperty("offerId").GetInt64());
        var body = await refused.AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "NETWORK_FLOAT_LOW");
        // When to try again: Retry-After (Payout:FloatRetryAfterSeconds, 60 by default), and the same instant in data and in the quote.
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        var retryAt = app.Clock.GetUtcNow().AddSeconds(60);
        Assert.Equal(retryAt, body.GetProperty("data").GetProperty("retryAfter").GetDateTimeOffset());
        var detail = quoted.GetProperty("reasonDetails").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "NETWORK_FLOAT_LOW");
        Assert.Equal(retryAt, detail.GetProperty("retryAfter").GetDateTimeOffset());

        Assert.Equal(1_000m - (await (await app.PayAsync(client, first.GetProperty("offerId").GetInt64())).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("totalDebited").GetDecimal(), await app.BalanceAsync(customer.Id, "USDT"));
        using var admin = app.AdminClient();
        var floats = await admin.GetFromJsonAsync<JsonElement>("/admin/v1/network-float");
        var eur = floats.GetProperty("items").EnumerateArray().Single(f => f.GetProperty("currency").GetString() == "EUR");
        Assert.Equal(100m - 90.16m, eur.GetProperty("available").GetDecimal());
        Assert.Equal(0m, eur.GetProperty("reserved").GetDecimal());
        await app.AssertLedgerHoldsAsync();
    }
}
