using System.Net;
using System.Net.Http.Json;
using System.Text;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Auth;

[Collection(SharedAppCollection.Name)]
public sealed class SignInTests(PayoutApp app)
{
    private static Dictionary<string, string> PasswordGrant(string number, string password) => new()
    {
        ["grant_type"] = "mobile_phone",
        ["number"] = number,
        ["password"] = password,
    };

    private static Dictionary<string, string> RefreshGrant(string token) => new()
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = token,
    };

    [Fact]
    public async Task Password_grant_answers_a_bearer_token_pair()
    {
        var customer = await app.CreateCustomerAsync();

        var response = await app.RequestTokenAsync(PasswordGrant(customer.Phone, customer.Password));

        await response.AssertSuccessAsync();
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!;
        Assert.Equal("bearer", token.TokenType);
        Assert.Equal("read write", token.Scope);
        Assert.True(token.ExpiresIn > 0);
        Assert.Equal(3, token.AccessToken.Split('.').Length);
        Assert.False(string.IsNullOrEmpty(token.RefreshToken));
    }

    [Fact]
    public async Task Wrong_password_unknown_number_and_wrong_merchant_get_the_same_401()
    {
        var customer = await app.CreateCustomerAsync();

        var wrongPassword = await app.RequestTokenAsync(PasswordGrant(customer.Phone, "not-the-password"));
        var unknownNumber = await app.RequestTokenAsync(PasswordGrant(app.NewPhone(), customer.Password));
        var wrongMerchant = await app.RequestTokenAsync(PasswordGrant(customer.Phone, customer.Password), Guid.NewGuid().ToString());
        var noMerchant = await app.RequestTokenAsync(PasswordGrant(customer.Phone, customer.Password), merchantId: null);

        var bodies = new List<string>();
        foreach (var response in new[] { wrongPassword, unknownNumber, wrongMerchant, noMerchant })
        {
            await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Single(bodies.Distinct());
    }

    /// <summary>Found by the hostile suite: a 200-character "number" overflowed the failure log's column on PostgreSQL (a 500).</summary>
    [Theory]
    [InlineData("' UNION SELECT password_hash FROM customers --")]
    [InlineData("+4400000000000000000000000000000000000000000000000000000000")]
    [InlineData("447871239999")]
    public async Task A_number_that_cannot_be_a_phone_gets_the_same_401(string number)
    {
        var customer = await app.CreateCustomerAsync();

        var notAPhone = await app.RequestTokenAsync(PasswordGrant(number, customer.Password));
        var wrongPassword = await app.RequestTokenAsync(PasswordGrant(customer.Phone, "not-the-password"));

        await notAPhone.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal(await wrongPassword.Content.ReadAsStringAsync(), await notAPhone.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_grant_type_is_400_unsupported_grant_type()
    {
        var response = await app.RequestTokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials" });
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "UNSUPPORTED_GRANT_TYPE", "grant_type");
    }

    [Fact]
    public async Task A_json_token_request_is_400_validation()
    {
        using var client = app.CreateClient();
        var response = await client.PostAsync("/oauth/token",
            new StringContent("{\"grant_type\":\"mobile_phone\"}", Encoding.UTF8, "application/json"));
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION");
    }

    [Fact]
    public async Task Refresh_rotates_the_pair_and_the_old_refresh_token_stops_working()
    {
        var customer = await app.CreateCustomerAsync();
        var first = await app.SignInAsync(customer);

        var refreshed = await app.RequestTokenAsync(RefreshGrant(first.RefreshToken));
        await refreshed.AssertSuccessAsync();
        var second = (await refreshed.Content.ReadFromJsonAsync<TokenBody>())!;
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);

        var reused = await app.RequestTokenAsync(RefreshGrant(first.RefreshToken));
        await reused.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Reusing_a_refresh_token_revokes_every_token_of_the_customer()
    {
        var customer = await app.CreateCustomerAsync();
        var first = await app.SignInAsync(customer);
        var second = (await (await app.RequestTokenAsync(RefreshGrant(first.RefreshToken))).Content.ReadFromJsonAsync<TokenBody>())!;

        (await app.RequestTokenAsync(RefreshGrant(first.RefreshToken))).Dispose();

        await (await app.RequestTokenAsync(RefreshGrant(second.RefreshToken))).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        using var client = app.ClientWithToken(second.AccessToken);
        await (await client.PostAsync("/signout", null)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Refresh_token_from_another_merchant_header_is_401()
    {
        var customer = await app.CreateCustomerAsync();
        var token = await app.SignInAsync(customer);

        var response = await app.RequestTokenAsync(RefreshGrant(token.RefreshToken), Guid.NewGuid().ToString());

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Sign_out_revokes_the_access_and_refresh_tokens()
    {
        var customer = await app.CreateCustomerAsync();
        var token = await app.SignInAsync(customer);
        using var client = app.ClientWithToken(token.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/signout", null)).StatusCode);

        await (await client.PostAsync("/signout", null)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await app.RequestTokenAsync(RefreshGrant(token.RefreshToken))).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var again = await app.SignInAsync(customer);
        Assert.False(string.IsNullOrEmpty(again.AccessToken));
    }
}
