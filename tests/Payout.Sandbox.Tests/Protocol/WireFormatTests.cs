using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Payout.Sandbox.Tests.Infrastructure;

namespace Payout.Sandbox.Tests.Protocol;

/// <summary>The exact JSON PayOut's client of the protocol (HttpPayoutNetwork) is written against (README "Protocol").</summary>
public sealed class WireFormatTests(SandboxApp app) : IClassFixture<SandboxApp>
{
    [Fact]
    public async Task A_payout_has_exactly_the_documented_fields_in_camel_case()
    {
        var id = SandboxApp.NewId();
        using var response = await app.CreateAsync("4111111111111111", id, SandboxApp.NewKey(), amount: 12.34m, currency: "USD");

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal(
            ["payoutId", "status", "declineReason", "amount", "currency", "createdAt", "updatedAt"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, root.GetProperty("payoutId").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("declineReason").ValueKind);
        Assert.Equal("12.34", root.GetProperty("amount").GetRawText());
        Assert.Equal("USD", root.GetProperty("currency").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", root.GetProperty("createdAt").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", root.GetProperty("updatedAt").GetString());
    }

    [Fact]
    public async Task An_unknown_payout_is_404_payout_not_found()
    {
        using var response = await app.GetAsync(SandboxApp.NewId());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("PAYOUT_NOT_FOUND", (await response.Content.ReadFromJsonAsync<ErrorBody>())!.Error);
    }

    public static readonly TheoryData<string> InvalidBodies = new()
    {
        """{"payoutId":"","cardNumber":"4111111111111111","amount":1,"currency":"EUR"}""",
        """{"payoutId":"has space","cardNumber":"4111111111111111","amount":1,"currency":"EUR"}""",
        """{"cardNumber":"4111111111111111","amount":1,"currency":"EUR"}""",
        """{"payoutId":"p","cardNumber":"4111111111111112","amount":1,"currency":"EUR"}""",
        """{"payoutId":"p","cardNumber":"4111 1111 1111 1111","amount":1,"currency":"EUR"}""",
        """{"payoutId":"p","cardNumber":4111111111111111,"amount":1,"currency":"EUR"}""",
        """{"payoutId":"p","cardNumber":"4111111111111111","amount":"10","currency":"EUR"}""",
        """{"payoutId":"p","cardNumber":"4111111111111111","amount":0,"currency":"EUR"}""",
        """{"payoutId":"p","cardNumber":"4111111111111111","amount":-5,"currency":"EUR"}""",
        """{"payoutId":"p","cardNumber":"4111111111111111","amount":1.234,"currency":"EUR"}""",
        """{"payoutId":"p","cardNumber":"4111111111111111","amount":1000000000.01,"currency":"EUR"}""",
        """{"payoutId":"p","cardNumber":"4111111111111111","amount":1e40,"currency":"EUR"}""",
        """{"payoutId":"p","cardNumber":"4111111111111111","amount":1,"currency":"GBP"}""",
        """{"payoutId":"p","cardNumber":"4111111111111111","amount":1,"currency":"eur"}""",
        """{"payoutId":"p","cardNumber":"4111111111111111","amount":1,"currency":"EUR","callbackUrl":"/relative"}""",
        """{"payoutId":"p","cardNumber":"4111111111111111","amount":1,"currency":"EUR","callbackUrl":"ftp://x.test/"}""",
        """{"payoutId":"p","cardNumber":"4111111111111111",""",
        "null",
        "[]",
        "",
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_create_body_is_400_validation_and_records_nothing(string body)
    {
        using var response = await PostAsync("/v1/payouts", body, SandboxApp.NewKey());

        await AssertValidationAsync(response);
        Assert.Null(await app.AdminPayoutAsync("p"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    public async Task A_missing_or_malformed_idempotency_key_is_400(string? key)
    {
        using var response = await PostAsync(
            "/v1/payouts", """{"payoutId":"p","cardNumber":"4111111111111111","amount":1,"currency":"EUR"}""", key);

        await AssertValidationAsync(response);
    }

    [Fact]
    public async Task An_idempotency_key_of_101_characters_is_400_and_of_100_is_accepted()
    {
        using var tooLong = await app.CreateAsync("4111111111111111", SandboxApp.NewId(), new string('k', 101));
        using var longest = await app.CreateAsync("4111111111111111", SandboxApp.NewId(), new string('k', 100));

        await AssertValidationAsync(tooLong);
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
    }

    [Theory]
    [InlineData("""{"cardNumber":"4111111111111112"}""")]
    [InlineData("""{"cardNumber":"41111"}""")]
    [InlineData("""{}""")]
    public async Task An_invalid_eligibility_body_is_400(string body)
    {
        using var response = await PostAsync("/v1/eligibility", body, key: null);

        await AssertValidationAsync(response);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string? key)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    private static async Task AssertValidationAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<ErrorBody>();
        Assert.Equal("VALIDATION", error!.Error);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.DoesNotContain("4111", error.Message, StringComparison.Ordinal);
    }
}
