namespace Payout.Client.UnitTests;

public sealed class CommonHeaderTests
{
    /// <summary>Answers every payout endpoint with a body of its shape.</summary>
    private static StubHandler AnyEndpoint() => new(request => request.PathAndQuery switch
    {
        var p when p.StartsWith("/v4/payout/card/42/billing-address", StringComparison.Ordinal) => Answers.Json(SpecJson.CardWithBillingAddress),
        var p when request.Method == HttpMethod.Delete => Answers.NoContent(),
        "/v4/payout/card" => Answers.Json(SpecJson.Card),
        "/v4/payout/data" => Answers.Json(SpecJson.Data),
        var p when p.StartsWith("/v4/payout/offer", StringComparison.Ordinal) => Answers.Json(SpecJson.Offer),
        var p when p.StartsWith("/v4/payout/pay/", StringComparison.Ordinal) => Answers.Json(SpecJson.Execute),
        var p when p.StartsWith("/v4/payout/history", StringComparison.Ordinal) => Answers.Json(SpecJson.History),
        var p when p.StartsWith("/v4/payout/operations/", StringComparison.Ordinal) => Answers.Json(SpecJson.Operation),
        var p => throw new InvalidOperationException("Unexpected " + p),
    });

    private static async Task CallEveryEndpointAsync(PayoutClient client)
    {
        await client.AddCardAsync(new AddCardRequest("4012888888881881", "Demo Customer", 2030, 12));
        await client.SetBillingAddressAsync(42, new BillingAddress("1 Demo Street", "London", "GB", "SW1A 1AA"));
        await client.DeleteCardAsync(42);
        await client.GetDataAsync();
        await client.CreateOfferAsync(new CreateOfferRequest(100m, "USDT", "EUR", 42));
        await client.UpdateOfferAsync(7, new UpdateOfferRequest(120m, "USDT", "EUR"));
        await client.ExecuteAsync(7);
        await client.GetHistoryAsync();
        await client.GetOperationAsync(9001);
    }

    [Fact]
    public async Task Every_payout_call_sends_bearer_token_and_sdk_version()
    {
        var stub = AnyEndpoint();

        await CallEveryEndpointAsync(TestClients.Payout(stub));

        Assert.Equal(9, stub.Requests.Count);
        Assert.All(stub.Requests, request =>
        {
            Assert.Equal("Bearer at-1", request.Header("Authorization"));
            Assert.Equal("payoutCard=1.2", request.Header("X-Sdk-Version"));
            Assert.Null(request.Header("X-Merchant-ID"));
        });
    }

    [Fact]
    public async Task Sdk_version_option_is_sent_in_payout_card_form()
    {
        var stub = AnyEndpoint();
        var client = new PayoutClient(new HttpClient(stub), TestClients.Options(sdkVersion: "1.3"), TestClients.SignedIn);

        await client.GetDataAsync();

        Assert.Equal("payoutCard=1.3", stub.Single.Header("X-Sdk-Version"));
    }

    [Theory]
    [InlineData("https://gw.test/payout", "https://gw.test/payout/v4/payout/data")]
    [InlineData("https://gw.test/payout/", "https://gw.test/payout/v4/payout/data")]
    [InlineData("https://gw.test", "https://gw.test/v4/payout/data")]
    public async Task Base_address_with_path_prefix_keeps_the_prefix(string baseAddress, string expected)
    {
        var stub = new StubHandler(_ => Answers.Json(SpecJson.Data));
        var options = new PayoutClientOptions { BaseAddress = new Uri(baseAddress) };

        await new PayoutClient(new HttpClient(stub), options, TestClients.SignedIn).GetDataAsync();

        Assert.Equal(expected, stub.Single.Uri.ToString());
    }

    [Fact]
    public async Task No_base_address_in_options_uses_the_http_clients()
    {
        var stub = AnyEndpoint();
        var http = new HttpClient(stub) { BaseAddress = new Uri("https://other.test/") };

        await new PayoutClient(http, new PayoutClientOptions(), TestClients.SignedIn).GetDataAsync();

        Assert.Equal("https://other.test/v4/payout/data", stub.Single.Uri.ToString());
    }

    [Fact]
    public void No_base_address_anywhere_throws_at_construction() =>
        Assert.Throws<ArgumentException>(() => new PayoutClient(new HttpClient(AnyEndpoint()), new PayoutClientOptions()));

    [Fact]
    public async Task Signed_out_sends_no_authorization_header()
    {
        var stub = AnyEndpoint();

        await TestClients.SignedOut(stub).GetDataAsync();

        Assert.Null(stub.Single.Header("Authorization"));
    }
}
