using System.Net;
using System.Net.Http.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Operations;

/// <summary>A customer API limit small enough to reach in a test.</summary>
public sealed class TightCustomerLimitApp : PayoutApp
{
    public const int Limit = 5;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:PerCustomerPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>A sign-in limit small enough to reach in a test.</summary>
public sealed class TightTokenLimitApp : PayoutApp
{
    public const int Limit = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:TokenPerAddressPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class CustomerRateLimitTests(TightCustomerLimitApp app) : IClassFixture<TightCustomerLimitApp>
{
    [Fact]
    public async Task A_customer_over_the_limit_gets_429_with_retry_after_and_another_customer_is_not_affected()
    {
        using var busy = await app.ClientForAsync(await app.CreateCustomerAsync());
        using var other = await app.ClientForAsync(await app.CreateCustomerAsync());

        for (var i = 0; i < TightCustomerLimitApp.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/v4/payout/data")).StatusCode);
        }

        var rejected = await busy.GetAsync("/v4/payout/data");
        await rejected.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        AssertRetryAfter(rejected);

        // The limit is the customer's, across the whole /v4/payout API; another customer keeps their own.
        var offer = await busy.PostAsJsonAsync("/v4/payout/offer", new { amount = 10m, fromCurrency = "USDT", toCurrency = "EUR", cardId = 1 });
        await offer.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/v4/payout/data")).StatusCode);
    }

    internal static void AssertRetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
    }
}

public sealed class TokenRateLimitTests(TightTokenLimitApp app) : IClassFixture<TightTokenLimitApp>
{
    [Fact]
    public async Task Sign_ins_from_one_address_over_the_limit_get_429_even_with_a_wrong_password()
    {
        var customer = await app.CreateCustomerAsync();
        var first = await app.SignInAsync(customer);
        for (var i = 1; i < TightTokenLimitApp.Limit; i++)
        {
            await app.SignInAsync(customer);
        }

        var rejected = await app.RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "mobile_phone",
            ["number"] = customer.Phone,
            ["password"] = "not-the-password",
        });
        await rejected.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        CustomerRateLimitTests.AssertRetryAfter(rejected);

        // Tokens already issued keep working: the limit guards the token endpoint only.
        using var client = app.ClientWithToken(first.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v4/payout/data")).StatusCode);
    }
}
