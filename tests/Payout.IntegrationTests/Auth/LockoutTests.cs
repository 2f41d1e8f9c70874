using System.Net;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Auth;

/// <summary>Moves the clock, so it shares the app of the classes that do (<see cref="SharedClockAppCollection"/>).</summary>
[Collection(SharedClockAppCollection.Name)]
public sealed class LockoutTests(PayoutApp app)
{
    private static Dictionary<string, string> PasswordGrant(string number, string password) => new()
    {
        ["grant_type"] = "mobile_phone",
        ["number"] = number,
        ["password"] = password,
    };

    [Fact]
    public async Task Ten_failures_lock_a_number_for_thirty_minutes_even_against_the_right_password()
    {
        var customer = await app.CreateCustomerAsync();
        for (var i = 0; i < 10; i++)
        {
            await (await app.RequestTokenAsync(PasswordGrant(customer.Phone, "wrong-" + i))).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            app.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var locked = await app.RequestTokenAsync(PasswordGrant(customer.Phone, customer.Password));
        await locked.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        var retryAfter = locked.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 30 * 60);

        app.Clock.Advance(retryAfter.Value);
        var afterLockout = await app.RequestTokenAsync(PasswordGrant(customer.Phone, customer.Password));
        Assert.Equal(HttpStatusCode.OK, afterLockout.StatusCode);
    }

    [Fact]
    public async Task An_unknown_number_locks_exactly_like_a_known_one()
    {
        var unknown = app.NewPhone();
        for (var i = 0; i < 10; i++)
        {
            await (await app.RequestTokenAsync(PasswordGrant(unknown, "whatever-" + i))).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        var locked = await app.RequestTokenAsync(PasswordGrant(unknown, "whatever"));
        await locked.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.NotNull(locked.Headers.RetryAfter);
    }

    [Fact]
    public async Task An_access_token_stops_working_when_it_expires()
    {
        var customer = await app.CreateCustomerAsync();
        var token = await app.SignInAsync(customer);
        using var client = app.ClientWithToken(token.AccessToken);

        app.Clock.Advance(TimeSpan.FromSeconds(token.ExpiresIn + 1));

        await (await client.PostAsync("/signout", null)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task An_access_token_that_worked_stops_working_when_it_expires()
    {
        var customer = await app.CreateCustomerAsync();
        var token = await app.SignInAsync(customer);
        using var client = app.ClientWithToken(token.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v4/payout/data")).StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(token.ExpiresIn + 1));

        await (await client.GetAsync("/v4/payout/data")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}
