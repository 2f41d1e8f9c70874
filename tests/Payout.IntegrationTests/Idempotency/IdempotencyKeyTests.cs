using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Idempotency;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Idempotency;

/// <summary><c>Idempotency-Key</c> on card, offer, pay and operator deposits: safe retries for app developers.</summary>
[Collection(SharedClockAppCollection.Name)]
public sealed class IdempotencyKeyTests(PayoutApp app)
{
    private static HttpRequestMessage Post(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task The_same_key_and_request_replays_the_first_answer_without_doing_it_twice()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { amount = 100m, fromCurrency = "USDT", toCurrency = "EUR", cardId };

        var first = await client.SendAsync(Post("/v4/payout/offer", body, key));
        var second = await client.SendAsync(Post("/v4/payout/offer", body, key));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        var history = await client.GetFromJsonAsync<JsonElement>("/v4/payout/history");
        Assert.Equal(0, history.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_same_key_with_a_different_request_is_409()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var key = Guid.NewGuid().ToString();
        await client.SendAsync(Post("/v4/payout/offer", new { amount = 100m, fromCurrency = "USDT", toCurrency = "EUR", cardId }, key)).AssertSuccessAsync();

        var response = await client.SendAsync(Post("/v4/payout/offer", new { amount = 101m, fromCurrency = "USDT", toCurrency = "EUR", cardId }, key));

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key");
    }

    [Fact]
    public async Task Pay_replays_the_operation_with_its_current_status()
    {
        var (_, client, _) = await app.PayingCustomerAsync();
        var cardId = await app.AddCardAsync(client, "4000000000000010");
        var offerId = await app.QuoteAsync(client, cardId, 100m);
        var key = Guid.NewGuid().ToString();
        using var first = new HttpRequestMessage(HttpMethod.Post, $"/v4/payout/pay/{offerId}");
        first.Headers.Add("Idempotency-Key", key);
        var pending = await (await client.SendAsync(first)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PENDING", pending.GetProperty("status").GetString());

        app.Clock.Advance(TimeSpan.FromSeconds(6));
        await app.WaitForFinalAsync(client, pending.GetProperty("operationId").GetInt64());
        using var again = new HttpRequestMessage(HttpMethod.Post, $"/v4/payout/pay/{offerId}");
        again.Headers.Add("Idempotency-Key", key);
        var replay = await (await client.SendAsync(again)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(pending.GetProperty("operationId").GetInt64(), replay.GetProperty("operationId").GetInt64());
        Assert.Equal("SUCCESS", replay.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_second_request_while_the_first_runs_is_409_request_in_progress()
    {
        var (_, client, _) = await app.PayingCustomerAsync();
        var cardId = await app.AddCardAsync(client, "4000000000000077");
        var offerId = await app.QuoteAsync(client, cardId, 100m);
        var key = Guid.NewGuid().ToString();
        using var first = new HttpRequestMessage(HttpMethod.Post, $"/v4/payout/pay/{offerId}");
        first.Headers.Add("Idempotency-Key", key);
        using var second = new HttpRequestMessage(HttpMethod.Post, $"/v4/payout/pay/{offerId}");
        second.Headers.Add("Idempotency-Key", key);

        // The network never answers this card, so the first execute waits its full budget.
        var running = client.SendAsync(first);
        await WaitUntilHeldAsync(key);
        var response = await client.SendAsync(second);

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "REQUEST_IN_PROGRESS");
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
    }

    private Task WaitUntilHeldAsync(string key) =>
        EventuallyAsync(
            () => app.Inside.ReadDatabaseAsync(db => db.Set<IdempotencyRecord>().AnyAsync(r => r.Key == key && r.StatusCode == null)),
            TimeSpan.FromSeconds(10), $"the first request holds idempotency key {key}");

    [Fact]
    public async Task Keys_belong_to_one_customer_and_expire_after_24_hours()
    {
        var (owner, client, cardId) = await app.PayingCustomerAsync();
        var (_, other, otherCard) = await app.PayingCustomerAsync();
        var key = "shared-key-" + Guid.NewGuid();
        await client.SendAsync(Post("/v4/payout/offer", new { amount = 100m, fromCurrency = "USDT", toCurrency = "EUR", cardId }, key)).AssertSuccessAsync();

        var others = await other.SendAsync(Post("/v4/payout/offer", new { amount = 55m, fromCurrency = "USDT", toCurrency = "EUR", cardId = otherCard }, key));
        Assert.Equal(HttpStatusCode.OK, others.StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        using var fresh = await app.ClientForAsync(owner);
        var afterExpiry = await fresh.SendAsync(Post("/v4/payout/offer", new { amount = 70m, fromCurrency = "USDT", toCurrency = "EUR", cardId }, key));
        Assert.Equal(HttpStatusCode.OK, afterExpiry.StatusCode);
    }

    [Fact]
    public async Task A_refused_request_does_not_burn_the_key()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var key = Guid.NewGuid().ToString();

        var invalid = await client.SendAsync(Post("/v4/payout/offer", new { amount = 0m, fromCurrency = "USDT", toCurrency = "EUR", cardId }, key));
        await invalid.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "amount");

        var valid = await client.SendAsync(Post("/v4/payout/offer", new { amount = 100m, fromCurrency = "USDT", toCurrency = "EUR", cardId }, key));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task Operator_deposits_with_a_key_credit_once()
    {
        var customer = await app.CreateCustomerAsync();
        using var admin = app.AdminClient();
        var key = Guid.NewGuid().ToString();

        for (var i = 0; i < 3; i++)
        {
            await admin.SendAsync(Post($"/admin/v1/customers/{customer.Id}/deposits", new { currency = "BTC", amount = 0.25m }, key)).AssertSuccessAsync();
        }

        Assert.Equal(0.25m, await app.BalanceAsync(customer.Id, "BTC"));
    }

    [Fact]
    public async Task A_malformed_key_is_400()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var response = await client.SendAsync(Post("/v4/payout/offer", new { amount = 100m, fromCurrency = "USDT", toCurrency = "EUR", cardId }, new string('k', 300)));
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "Idempotency-Key");
    }
}
