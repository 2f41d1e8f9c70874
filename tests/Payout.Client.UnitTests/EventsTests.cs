using System.Text;

namespace Payout.Client.UnitTests;

public sealed class EventsTests
{
    private const string Page = """
        {"items": [{"sequence": 41, "type": "payout.succeeded", "merchantId": "bece038f-2e46-49f4-b25e-89cd38d6dc16", "customerId": 5,
          "objectType": "payout", "objectId": 7, "version": 2, "createdAt": "2026-11-23T12:00:05.000Z",
          "data": {"operationId": 7, "status": "SUCCESS", "amountTo": 679.40}}],
         "next": 41, "hasMore": false}
        """;

    [Fact]
    public async Task GetEvents_SendsTheMerchantKeyAndCursor_AndParsesThePage()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(Page));
        var client = new PayoutEventsClient(new HttpClient(stub), new PayoutEventsClientOptions { BaseAddress = TestClients.BaseAddress, MerchantKey = "merchant-key" });

        var page = await client.GetEventsAsync(after: 40, limit: 10);

        Assert.Equal((HttpMethod.Get, "/admin/v1/events?after=40&limit=10"), (stub.Single.Method, stub.Single.PathAndQuery));
        Assert.Equal("merchant-key", stub.Single.Header("X-Merchant-Key"));
        var item = Assert.Single(page.Items);
        Assert.Equal((41L, MerchantEventTypes.PayoutSucceeded, "payout", 7L, 2), (item.Sequence, item.Type, item.ObjectType, item.ObjectId, item.Version));
        Assert.Equal(679.40m, item.Data.GetProperty("amountTo").GetDecimal());
        Assert.Equal((41L, false), (page.Next, page.HasMore));
    }

    [Fact]
    public async Task AdminGetEvents_CanAskForOneMerchant()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(Page));
        var admin = new PayoutAdminClient(new HttpClient(stub), new PayoutAdminClientOptions { BaseAddress = TestClients.BaseAddress, ApiKey = "admin-key" });

        await admin.GetEventsAsync(0, 100, TestClients.DemoMerchant);

        Assert.Equal("/admin/v1/events?after=0&limit=100&merchantId=bece038f-2e46-49f4-b25e-89cd38d6dc16", stub.Single.PathAndQuery);
        Assert.Equal("admin-key", stub.Single.Header("X-Admin-Key"));
    }

    [Fact]
    public void WebhookSignatures_VerifyWithEitherSecret_AndRefuseAChangedByteAnOldTimeOrAnotherSecret()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1795462804);
        var body = Encoding.UTF8.GetBytes("""{"sequence":1}""");
        // Independently computed: hex HMAC-SHA256 of "1795462804.{"sequence":1}" with each secret.
        var header = "t=1795462804,v1=b37d19291eff795f5cb3405b91bbdd532df6190c029e0050c3dd5c167a0d411b,v1=00ff";
        var tolerance = TimeSpan.FromMinutes(5);

        Assert.True(WebhookSignatures.Verify(header, body, ["old-webhook-secret-0123456789"], now, tolerance));
        Assert.True(WebhookSignatures.Verify(header, body, ["new-secret-not-used-yet-000", "old-webhook-secret-0123456789"], now, tolerance));
        Assert.False(WebhookSignatures.Verify(header, body, ["another-secret-0123456789"], now, tolerance));
        Assert.False(WebhookSignatures.Verify(header, Encoding.UTF8.GetBytes("""{"sequence":2}"""), ["old-webhook-secret-0123456789"], now, tolerance));
        Assert.False(WebhookSignatures.Verify(header, body, ["old-webhook-secret-0123456789"], now.AddMinutes(6), tolerance));
        Assert.False(WebhookSignatures.Verify(null, body, ["old-webhook-secret-0123456789"], now, tolerance));
        Assert.False(WebhookSignatures.Verify("t=x,v1=zz", body, ["old-webhook-secret-0123456789"], now, tolerance));
    }

    [Fact]
    public async Task OfferExpiredOutsideItsBand_CarriesTheFreshRate()
    {
        var client = TestClients.Payout(StubHandler.InTurn(() => Answers.Json(
            """{"error": "OFFER_EXPIRED", "errorId": 3001, "message": "m", "data": {"freshRate": 0.88356800}}""", System.Net.HttpStatusCode.BadRequest)));

        var expired = await Assert.ThrowsAsync<PayoutApiException>(() => client.ExecuteAsync(7));

        Assert.Equal(0.883568m, expired.Detail?.FreshRate);
    }
}
