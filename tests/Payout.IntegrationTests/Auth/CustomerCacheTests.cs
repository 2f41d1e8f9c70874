using System.Net;
using System.Net.Http.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Auth;

/// <summary>
/// Each process caches the signed-in customer for <c>Auth:CustomerCacheSeconds</c> (5 by default). Changes made in
/// the same process apply at once; changes made by another process apply within that time — except for money:
/// execute reads the KYC level from the customer row it locks, so a downgrade stops payouts at once everywhere.
/// </summary>
public sealed class CustomerCacheTests(PayoutApp app) : IClassFixture<PayoutApp>
{
    private static readonly TimeSpan PastTheCache = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task A_kyc_downgrade_in_another_process_stops_execute_at_once_while_the_cache_still_holds_the_old_level()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 1_000m);
        var offerId = (await app.OfferAsync(client, cardId, 100m)).GetProperty("offerId").GetInt64();
        await using var other = new PayoutApp(app.Database, app.KeysDirectory);
        await ((IAsyncLifetime)other).InitializeAsync();

        using (var admin = other.AdminClient())
        {
            (await admin.PutAsJsonAsync($"/admin/v1/customers/{customer.Id}/kyc", new { kycLevel = "NONE" })).EnsureSuccessStatusCode();
        }

        // This process still holds KYC_1: the gate, which would refuse NONE, lets the customer through ...
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v4/payout/data")).StatusCode);
        // ... but execute reads the level from the row it locks.
        await (await app.PayAsync(client, offerId)).AssertErrorAsync(HttpStatusCode.Forbidden, "KYC_LEVEL_TOO_LOW");
        Assert.Equal(1_000m, await app.BalanceAsync(customer.Id, "USDT"));

        app.Clock.Advance(PastTheCache);
        await (await client.GetAsync("/v4/payout/data")).AssertErrorAsync(HttpStatusCode.Forbidden, "KYC_LEVEL_TOO_LOW");
        await ((IAsyncLifetime)other).DisposeAsync();
    }

    [Fact]
    public async Task A_kyc_change_in_this_process_applies_to_the_next_request()
    {
        var (customer, client, _) = await app.PayingCustomerAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v4/payout/data")).StatusCode);

        using var admin = app.AdminClient();
        (await admin.PutAsJsonAsync($"/admin/v1/customers/{customer.Id}/kyc", new { kycLevel = "NONE" })).EnsureSuccessStatusCode();

        await (await client.GetAsync("/v4/payout/data")).AssertErrorAsync(HttpStatusCode.Forbidden, "KYC_LEVEL_TOO_LOW");
    }

    [Fact]
    public async Task A_sign_out_in_another_process_applies_here_within_the_cache_time()
    {
        var customer = await app.CreateCustomerAsync();
        var token = await app.SignInAsync(customer);
        using var client = app.ClientWithToken(token.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v4/payout/history")).StatusCode);
        await using var other = new PayoutApp(app.Database, app.KeysDirectory);
        await ((IAsyncLifetime)other).InitializeAsync();
        using var otherClient = other.ClientWithToken(token.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, (await otherClient.PostAsync("/signout", null)).StatusCode);

        await (await otherClient.GetAsync("/v4/payout/history")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v4/payout/history")).StatusCode);
        app.Clock.Advance(PastTheCache);
        await (await client.GetAsync("/v4/payout/history")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await ((IAsyncLifetime)other).DisposeAsync();
    }
}
