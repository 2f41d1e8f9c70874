using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Payout.Api.Features.Payouts.Network;
using Payout.IntegrationTests.Infrastructure;
using Payout.Sandbox;

namespace Payout.IntegrationTests.Network;

/// <summary>A forged, tampered, stale or replayed callback is a 401 and changes nothing; a genuine one is applied once.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class CallbackSecurityTests(PayoutApp app)
{
    private const string PendingThenPaid = "4000000000000010";

    [Fact]
    public async Task Forged_tampered_and_stale_callbacks_change_nothing()
    {
        var (customer, client, operationId, debited) = await PendingPayoutAsync();
        var body = Body(operationId, "DECLINED");
        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();

        await (await SendAsync(body, now, SandboxSignature.Compute("not-the-secret", now, body))).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await SendAsync(body.Replace("DECLINED", "PAID", StringComparison.Ordinal), now, Sign(body, now)))
            .AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var stale = now - 3_600;
        await (await SendAsync(body, stale, Sign(body, stale))).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await SendAsync(body, now, null)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        Assert.Equal("PENDING", await StatusAsync(client, operationId));
        Assert.Equal(1_000m - debited, await app.BalanceAsync(customer.Id, "USDT"));
    }

    [Fact]
    public async Task A_genuine_callback_is_applied_once_and_its_replay_is_refused()
    {
        var (customer, client, operationId, debited) = await PendingPayoutAsync();
        var body = Body(operationId, "PAID");
        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        var signature = Sign(body, now);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(body, now, signature)).StatusCode);
        await (await SendAsync(body, now, signature)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        Assert.Equal("SUCCESS", await StatusAsync(client, operationId));
        Assert.Equal(1_000m - debited, await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_late_contradicting_callback_never_moves_a_terminal_payout_backwards()
    {
        var (customer, client, operationId, debited) = await PendingPayoutAsync();
        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        var paid = Body(operationId, "PAID");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(paid, now, Sign(paid, now))).StatusCode);

        var declined = Body(operationId, "DECLINED");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(declined, now + 1, Sign(declined, now + 1))).StatusCode);
        var pending = Body(operationId, "PENDING");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(pending, now + 2, Sign(pending, now + 2))).StatusCode);

        Assert.Equal("SUCCESS", await StatusAsync(client, operationId));
        Assert.Equal(1_000m - debited, await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    private async Task<(TestCustomer Customer, HttpClient Client, long OperationId, decimal Debited)> PendingPayoutAsync()
    {
        var (customer, client, _) = await app.PayingCustomerAsync();
        var cardId = await app.AddCardAsync(client, PendingThenPaid);
        var offerId = await app.QuoteAsync(client, cardId, 100m);
        var payout = await app.ExecuteAsync(client, offerId);
        Assert.Equal("PENDING", payout.GetProperty("status").GetString());
        return (customer, client, payout.GetProperty("operationId").GetInt64(), payout.GetProperty("totalDebited").GetDecimal());
    }

    private static string Body(long operationId, string status) =>
        $$"""{"payoutId":"op-{{operationId}}","status":"{{status}}","declineReason":{{(status == "DECLINED" ? "\"ISSUER_DECLINED\"" : "null")}},"amount":90.16,"currency":"EUR"}""";

    private static string Sign(string body, long timestamp) =>
        SandboxSignature.Compute(PayoutNetworkOptions.DevelopmentCallbackSecret, timestamp, body);

    private async Task<HttpResponseMessage> SendAsync(string body, long timestamp, string? signature)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, PayoutNetworkOptions.CallbackPath)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(SandboxSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (signature is not null)
        {
            request.Headers.Add(SandboxSignature.SignatureHeader, signature);
        }

        return await client.SendAsync(request);
    }

    private static async Task<string?> StatusAsync(HttpClient client, long operationId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/v4/payout/operations/{operationId}")).GetProperty("status").GetString();
}
