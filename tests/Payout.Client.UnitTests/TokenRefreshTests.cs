using System.Net;

namespace Payout.Client.UnitTests;

public sealed class TokenRefreshTests
{
    [Fact]
    public async Task Unauthorized_with_refresh_token_refreshes_once_and_retries_once()
    {
        var stub = StubHandler.InTurn(Answers.Unauthorized, () => Answers.Tokens("at-2", "rt-2"), () => Answers.Json(SpecJson.Offer));
        var client = TestClients.Payout(stub);

        var offer = await client.CreateOfferAsync(new CreateOfferRequest(100m, "USDT", "EUR", 42), idempotencyKey: "key-1");

        Assert.Equal(7, offer.OfferId);
        var (first, refresh, retry) = (stub.Requests[0], stub.Requests[1], stub.Requests[2]);
        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal("Bearer at-1", first.Header("Authorization"));
        Assert.Equal("grant_type=refresh_token&refresh_token=rt-1", refresh.Body);
        Assert.Equal("Bearer at-2", retry.Header("Authorization"));
        Assert.Equal(first.Body, retry.Body);
        Assert.Equal("key-1", retry.Header("Idempotency-Key"));
        Assert.Equal("payoutCard=1.2", retry.Header("X-Sdk-Version"));
        Assert.Equal("rt-2", client.Tokens?.RefreshToken);
    }

    [Fact]
    public async Task Unauthorized_again_after_refresh_surfaces_the_second_401()
    {
        var stub = StubHandler.InTurn(Answers.Unauthorized, () => Answers.Tokens("at-2", "rt-2"), Answers.Unauthorized);
        var client = TestClients.Payout(stub);

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.GetDataAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task Unauthorized_refresh_refused_surfaces_401_and_signs_out()
    {
        var stub = StubHandler.InTurn(
            Answers.Unauthorized,
            () => Answers.Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", 1001, "Wrong number, password or merchant."));
        var client = TestClients.Payout(stub);

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.GetDataAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("The access token is missing, expired or revoked.", error.Message);
        Assert.Equal(2, stub.Requests.Count);
        Assert.Null(client.Tokens);
    }

    [Fact]
    public async Task Unauthorized_refresh_hits_server_error_surfaces_that_error_and_keeps_tokens()
    {
        var stub = StubHandler.InTurn(Answers.Unauthorized, () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var client = TestClients.Payout(stub);

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.GetDataAsync());

        Assert.Equal("HTTP_503", error.Error);
        Assert.Equal(TestClients.SignedIn, client.Tokens);
    }

    [Fact]
    public async Task Unauthorized_without_refresh_token_surfaces_at_once()
    {
        var stub = StubHandler.InTurn(Answers.Unauthorized);
        var client = TestClients.Payout(stub, new TokenPair("at-1", null));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.GetDataAsync());

        Assert.Equal(PayoutErrorCodes.Unauthorized, error.Error);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Unauthorized_on_concurrent_calls_shares_one_refresh()
    {
        var refreshes = 0;
        var stub = new StubHandler(async (request, cancellationToken) =>
        {
            if (request.PathAndQuery == "/oauth/token")
            {
                Interlocked.Increment(ref refreshes);
                // The slow token server is the scenario: the other calls arrive while this refresh is still running.
                await Task.Delay(50, cancellationToken);
                return Answers.Tokens("at-2", "rt-2");
            }

            return request.Header("Authorization") == "Bearer at-2" ? Answers.Json(SpecJson.Data) : Answers.Unauthorized();
        });
        var client = TestClients.Payout(stub);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => client.GetDataAsync())));

        Assert.All(results, data => Assert.Equal(30, data.ValidSeconds));
        Assert.Equal(1, refreshes);
    }

    [Fact]
    public async Task Shared_session_refresh_by_one_client_is_seen_by_another()
    {
        var session = new PayoutSession(TestClients.SignedIn);
        var stub = StubHandler.InTurn(() => Answers.Tokens("at-2", "rt-2"), () => Answers.Json(SpecJson.Data));
        var first = new PayoutClient(new HttpClient(stub), TestClients.Options(), session);
        var second = new PayoutClient(new HttpClient(stub), TestClients.Options(), session);

        await first.RefreshAsync();
        await second.GetDataAsync();

        Assert.Equal("Bearer at-2", stub.Requests[1].Header("Authorization"));
    }
}
