using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;
using Payout.Sandbox;

namespace Payout.IntegrationTests.Events;

public sealed class EventsTests(EventsApp app) : IClassFixture<EventsApp>
{
    [Fact]
    public async Task A_paid_payout_reads_as_created_then_succeeded_with_versions_one_and_two()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        var operationId = await PayAsync(client, cardId);
        Assert.Equal("SUCCESS", (await app.WaitForFinalAsync(client, operationId)).GetProperty("status").GetString());

        var feed = new EventFeed();
        using var admin = app.AdminClient();
        await feed.ReadOnAsync(admin);

        var events = feed.Of("payout", operationId);
        Assert.Equal(["payout.created", "payout.succeeded"], events.Select(e => e.Type));
        Assert.Equal([1, 2], events.Select(e => e.Version));
        Assert.Equal(["PENDING", "SUCCESS"], events.Select(e => e.Data.GetProperty("status").GetString()));
        Assert.All(events, e =>
        {
            Assert.Equal(customer.Id, e.CustomerId);
            Assert.Equal(TestCustomer.MerchantId, e.MerchantId);
            Assert.Equal(operationId, e.Data.GetProperty("operationId").GetInt64());
            Assert.Equal("4012***1881", e.Data.GetProperty("maskedPan").GetString());
        });
        Assert.True(events[0].Sequence < events[1].Sequence);
    }

    [Fact]
    public async Task A_declined_payout_reads_as_created_failed_then_refunded()
    {
        var (_, client, _) = await app.PayingCustomerAsync();
        var cardId = await app.AddCardAsync(client, SandboxCards.DeclinedAtOnce);
        var operationId = await PayAsync(client, cardId);
        Assert.Equal("FAILED", (await app.WaitForFinalAsync(client, operationId)).GetProperty("status").GetString());

        var feed = new EventFeed();
        using var admin = app.AdminClient();
        await feed.ReadOnAsync(admin);

        var events = feed.Of("payout", operationId);
        Assert.Equal(["payout.created", "payout.failed", "payout.refunded"], events.Select(e => e.Type));
        Assert.Equal([1, 2, 3], events.Select(e => e.Version));
        Assert.Equal("FAILED", events[^1].Data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_cards_life_and_a_kyc_change_are_events_in_order()
    {
        var customer = await app.CreateCustomerAsync();
        using var client = await app.ClientForAsync(customer);
        var cardId = await app.AddCardAsync(client, withBillingAddress: false);
        await client.DeleteAsync($"/v4/payout/card/{cardId}").AssertSuccessAsync();
        using var admin = app.AdminClient();
        await admin.PutAsJsonAsync($"/admin/v1/customers/{customer.Id}/kyc", new { kycLevel = "KYC_2" }).AssertSuccessAsync();
        // The same level again changes nothing, so it tells the merchant nothing.
        await admin.PutAsJsonAsync($"/admin/v1/customers/{customer.Id}/kyc", new { kycLevel = "KYC_2" }).AssertSuccessAsync();

        var feed = new EventFeed();
        await feed.ReadOnAsync(admin);

        var card = feed.Of("card", cardId);
        Assert.Equal(["card.added", "card.approved", "card.removed"], card.Select(e => e.Type));
        Assert.Equal([1, 2, 3], card.Select(e => e.Version));
        Assert.Equal("4012***1881", card[0].Data.GetProperty("maskedPan").GetString());
        Assert.True(card[^1].Data.GetProperty("removed").GetBoolean());
        Assert.DoesNotContain(feed.Events, e => e.Data.GetRawText().Contains("4012888888881881", StringComparison.Ordinal));

        var kyc = Assert.Single(feed.Of("customer", customer.Id));
        Assert.Equal("customer.kyc_level_changed", kyc.Type);
        Assert.Equal("KYC_2", kyc.Data.GetProperty("kycLevel").GetString());
        Assert.Equal("KYC_1", kyc.Data.GetProperty("previousKycLevel").GetString());
    }

    [Fact]
    public async Task A_card_the_network_refuses_reads_as_added_then_declined()
    {
        var customer = await app.CreateCustomerAsync();
        using var client = await app.ClientForAsync(customer);
        var response = await client.PostAsJsonAsync("/v4/payout/card",
            new { cardNumber = SandboxCards.NotEligible, cardHolder = "Test Customer", cardExpirationYear = 2030, cardExpirationMonth = 12 });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var cardId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cardId").GetInt64();

        var feed = new EventFeed();
        using var admin = app.AdminClient();
        await feed.ReadOnAsync(admin);

        var card = feed.Of("card", cardId);
        Assert.Equal(["card.added", "card.declined"], card.Select(e => e.Type));
        Assert.Equal("DECLINED", card[^1].Data.GetProperty("validationStatus").GetString());
    }

    [Fact]
    public async Task A_card_added_while_the_network_is_down_reads_as_approved_once_a_quote_rechecks_it()
    {
        var (_, client, _) = await app.PayingCustomerAsync();
        using var network = app.NetworkAdminClient();
        await network.PostAsJsonAsync("outage", new { seconds = 3_600 }).AssertSuccessAsync();
        long cardId;
        try
        {
            var added = await client.PostAsJsonAsync("/v4/payout/card",
                new { cardNumber = "4111111111111111", cardHolder = "Test Customer", cardExpirationYear = 2030, cardExpirationMonth = 12 });
            var body = await added.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("PENDING", body.GetProperty("validationStatus").GetString());
            cardId = body.GetProperty("cardId").GetInt64();
        }
        finally
        {
            await network.DeleteAsync("outage").AssertSuccessAsync();
        }

        await app.OfferAsync(client, cardId, 50m);

        var feed = new EventFeed();
        using var admin = app.AdminClient();
        await feed.ReadOnAsync(admin);
        Assert.Equal(["card.added", "card.approved"], feed.Of("card", cardId).Select(e => e.Type));
        Assert.Equal([1, 2], feed.Of("card", cardId).Select(e => e.Version));
    }

    [Fact]
    public async Task Read_in_small_pages_every_sequence_from_one_comes_once_in_order()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        await PayAsync(client, cardId);

        var feed = new EventFeed();
        using var admin = app.AdminClient();
        await feed.ReadOnAsync(admin, limit: 3);

        Assert.Equal(Enumerable.Range(1, feed.Events.Count).Select(i => (long)i), feed.Events.Select(e => e.Sequence));
        Assert.Empty(await feed.ReadOnAsync(admin));
    }

    [Fact]
    public async Task A_merchants_key_reads_only_that_merchants_events()
    {
        var mine = await app.CreateCustomerAsync();
        var theirs = await CreateOtherMerchantsCustomerAsync();
        using var admin = app.AdminClient();
        foreach (var id in new[] { mine.Id, theirs })
        {
            await admin.PutAsJsonAsync($"/admin/v1/customers/{id}/kyc", new { kycLevel = "KYC_2" }).AssertSuccessAsync();
        }

        using var merchant = app.MerchantClient(EventsApp.MerchantKey);
        using var other = app.MerchantClient(EventsApp.OtherMerchantKey);
        var merchantFeed = new EventFeed();
        var otherFeed = new EventFeed();
        await merchantFeed.ReadOnAsync(merchant);
        await otherFeed.ReadOnAsync(other);

        Assert.All(merchantFeed.Events, e => Assert.Equal(TestCustomer.MerchantId, e.MerchantId));
        Assert.All(otherFeed.Events, e => Assert.Equal(EventsApp.OtherMerchantId, e.MerchantId));
        Assert.Single(merchantFeed.Of("customer", mine.Id));
        Assert.Empty(merchantFeed.Of("customer", theirs));
        Assert.Single(otherFeed.Of("customer", theirs));

        // Another merchant's id, asked with a merchant's own key, looks like an unknown one.
        await (await merchant.GetAsync($"/admin/v1/events?merchantId={EventsApp.OtherMerchantId}"))
            .AssertErrorAsync(HttpStatusCode.NotFound, "MERCHANT_NOT_FOUND");
        var onlyTheirs = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/events?limit=1000&merchantId={EventsApp.OtherMerchantId}");
        Assert.All(onlyTheirs.GetProperty("items").EnumerateArray(), e => Assert.Equal(EventsApp.OtherMerchantId, e.GetProperty("merchantId").GetString()));
    }

    [Fact]
    public async Task Events_need_a_valid_merchant_or_operator_key()
    {
        using var anonymous = app.CreateClient();
        await (await anonymous.GetAsync("/admin/v1/events")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        using var wrong = app.MerchantClient("not-a-merchant-key-at-all");
        await (await wrong.GetAsync("/admin/v1/events")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    public async Task A_cursor_or_limit_out_of_range_is_a_validation_error(string query, string field)
    {
        using var admin = app.AdminClient();
        await (await admin.GetAsync($"/admin/v1/events?{query}")).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", field);
    }

    [Fact]
    public async Task A_cursor_that_is_not_a_number_is_a_client_error()
    {
        using var admin = app.AdminClient();
        var response = await admin.GetAsync("/admin/v1/events?after=abc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<long> PayAsync(HttpClient client, long cardId)
    {
        var offerId = (await app.OfferAsync(client, cardId, 50m)).GetProperty("offerId").GetInt64();
        var paid = await app.PayAsync(client, offerId);
        Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
        return (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64();
    }

    private async Task<long> CreateOtherMerchantsCustomerAsync()
    {
        using var admin = app.AdminClient();
        var response = await admin.PostAsJsonAsync("/admin/v1/customers",
            new { merchantId = EventsApp.OtherMerchantId, phone = app.NewPhone(), password = "correct-horse-9", kycLevel = "KYC_1" });
        await response.AssertSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetInt64();
    }
}
