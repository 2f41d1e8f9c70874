using System.Net;

namespace Payout.Client.UnitTests;

public sealed class SigningInTests
{
    [Fact]
    public async Task Sign_in_posts_password_grant_as_form_with_merchant_header()
    {
        var stub = StubHandler.InTurn(() => Answers.Tokens("at-1", "rt-1"));
        var client = TestClients.SignedOut(stub);

        await client.SignInAsync("+447871239999", "1234Qwerty");

        var request = stub.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://payout.test/oauth/token", request.Uri.ToString());
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("grant_type=mobile_phone&number=%2B447871239999&password=1234Qwerty", request.Body);
        Assert.Equal("bece038f-2e46-49f4-b25e-89cd38d6dc16", request.Header("X-Merchant-ID"));
        Assert.Null(request.Header("Authorization"));
        Assert.Null(request.Header("X-Sdk-Version"));
    }

    [Fact]
    public async Task Sign_in_success_keeps_the_token_pair()
    {
        var client = TestClients.SignedOut(StubHandler.InTurn(() => Answers.Tokens("at-1", "rt-1")));

        var tokens = await client.SignInAsync("+447871239999", "1234Qwerty");

        Assert.Same(tokens, client.Tokens);
        Assert.Equal("at-1", tokens.AccessToken);
        Assert.Equal("rt-1", tokens.RefreshToken);
        Assert.InRange(tokens.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddSeconds(3500), DateTimeOffset.UtcNow.AddSeconds(3700));
    }

    [Fact]
    public async Task Sign_in_success_raises_tokens_changed()
    {
        var client = TestClients.SignedOut(StubHandler.InTurn(() => Answers.Tokens("at-1", "rt-1")));
        TokenPair? seen = null;
        client.Session.TokensChanged += (_, tokens) => seen = tokens;

        await client.SignInAsync("+447871239999", "1234Qwerty");

        Assert.Equal("rt-1", seen?.RefreshToken);
    }

    [Fact]
    public async Task Sign_in_wrong_password_throws_401_and_holds_no_tokens()
    {
        var client = TestClients.SignedOut(StubHandler.InTurn(
            () => Answers.Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", 1001, "Wrong number, password or merchant.")));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.SignInAsync("+447871239999", "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(PayoutErrorCodes.Unauthorized, error.Error);
        Assert.Null(client.Tokens);
    }

    [Fact]
    public async Task Sign_in_without_merchant_id_throws_before_sending()
    {
        var stub = StubHandler.InTurn();
        var client = new PayoutClient(new HttpClient(stub), new PayoutClientOptions { BaseAddress = TestClients.BaseAddress });

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SignInAsync("+447871239999", "1234Qwerty"));

        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Refresh_sends_refresh_grant_with_merchant_header_and_rotates_tokens()
    {
        var stub = StubHandler.InTurn(() => Answers.Tokens("at-2", "rt-2"));
        var client = TestClients.Payout(stub);

        var tokens = await client.RefreshAsync();

        var request = stub.Single;
        Assert.Equal("/oauth/token", request.PathAndQuery);
        Assert.Equal("grant_type=refresh_token&refresh_token=rt-1", request.Body);
        Assert.Equal("bece038f-2e46-49f4-b25e-89cd38d6dc16", request.Header("X-Merchant-ID"));
        Assert.Equal(new TokenPair("at-2", "rt-2", tokens.ExpiresAt), client.Tokens);
    }

    [Fact]
    public async Task Refresh_without_refresh_token_throws_invalid_operation()
    {
        var client = TestClients.Payout(StubHandler.InTurn(), new TokenPair("at-1", null));

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.RefreshAsync());
    }

    [Fact]
    public async Task Sign_out_posts_with_bearer_and_forgets_tokens()
    {
        var stub = StubHandler.InTurn(Answers.NoContent);
        var client = TestClients.Payout(stub);

        await client.SignOutAsync();

        var request = stub.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/signout", request.PathAndQuery);
        Assert.Equal("Bearer at-1", request.Header("Authorization"));
        Assert.Null(client.Tokens);
    }

    [Fact]
    public async Task Sign_out_server_fails_still_forgets_tokens_and_throws()
    {
        var client = TestClients.Payout(StubHandler.InTurn(() => new HttpResponseMessage(HttpStatusCode.BadGateway)));

        await Assert.ThrowsAsync<PayoutApiException>(() => client.SignOutAsync());

        Assert.Null(client.Tokens);
    }

    [Fact]
    public async Task Sign_out_tokens_already_dead_is_not_an_error()
    {
        var client = TestClients.Payout(StubHandler.InTurn(Answers.Unauthorized), new TokenPair("at-1", null));

        await client.SignOutAsync();

        Assert.Null(client.Tokens);
    }
}
