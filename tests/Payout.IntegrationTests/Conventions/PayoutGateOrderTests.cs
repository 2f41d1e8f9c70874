using System.Net;
using System.Net.Http.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Conventions;

/// <summary>Spec §2: authentication (401), then X-Sdk-Version (400), then the KYC gate (403), then the body.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class PayoutGateOrderTests(PayoutApp app)
{
    private static readonly object InvalidCard = new { cardNumber = "123", cardHolder = "", cardExpirationYear = 1, cardExpirationMonth = 99 };

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Missing_or_malformed_token_is_401_before_anything_else(string? authorization)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v4/payout/card") { Content = JsonContent.Create(InvalidCard) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        await (await client.SendAsync(request)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData(null, "SDK_VERSION_REQUIRED")]
    [InlineData("banana", "SDK_VERSION_REQUIRED")]
    [InlineData("payoutCard=1.1", "SDK_VERSION_UNSUPPORTED")]
    [InlineData("1.0", "SDK_VERSION_UNSUPPORTED")]
    public async Task Sdk_version_is_checked_after_authentication_and_before_kyc(string? version, string code)
    {
        var customer = await app.CreateCustomerAsync("NONE");
        var token = await app.SignInAsync(customer);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        if (version is not null)
        {
            client.DefaultRequestHeaders.Add("X-Sdk-Version", version);
        }

        var response = await client.PostAsJsonAsync("/v4/payout/card", InvalidCard);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, code, "X-Sdk-Version");
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("payoutCard=1.2")]
    public async Task Both_of_vaults_header_forms_are_accepted(string version)
    {
        var token = await app.SignInAsync(await app.CreateCustomerAsync());
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        client.DefaultRequestHeaders.Add("X-Sdk-Version", version);

        var response = await client.PostAsJsonAsync("/v4/payout/card",
            new { cardNumber = 4012888888881881, cardHolder = "John Smith", cardExpirationYear = 2030, cardExpirationMonth = 12 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Kyc_none_is_403_on_every_payout_endpoint_before_the_body_is_read()
    {
        using var client = await app.ClientForAsync(await app.CreateCustomerAsync("NONE"));

        await (await client.PostAsJsonAsync("/v4/payout/card", InvalidCard)).AssertErrorAsync(HttpStatusCode.Forbidden, "KYC_LEVEL_TOO_LOW");
        await (await client.PostAsJsonAsync("/v4/payout/card/1/billing-address", new { })).AssertErrorAsync(HttpStatusCode.Forbidden, "KYC_LEVEL_TOO_LOW");
        await (await client.DeleteAsync("/v4/payout/card/1")).AssertErrorAsync(HttpStatusCode.Forbidden, "KYC_LEVEL_TOO_LOW");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_or_alg_none_is_401()
    {
        var token = await app.SignInAsync(await app.CreateCustomerAsync());
        var parts = token.AccessToken.Split('.');
        var noneHeader = Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var tampered = parts[0] + "." + Base64Url("{\"sub\":\"1\",\"gen\":\"0\",\"exp\":4102444800}") + "." + parts[2];
        var wrongKey = parts[0] + "." + parts[1] + "." + Base64Url("not the signature at all, clearly");

        foreach (var forged in new[] { $"{noneHeader}.{parts[1]}.", tampered, wrongKey })
        {
            using var client = app.ClientWithToken(forged);
            await (await client.PostAsJsonAsync("/v4/payout/card", InvalidCard)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
