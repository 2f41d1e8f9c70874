using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Features.Events;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Events;

public sealed class WebhookTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task Every_event_is_posted_signed_once_per_active_secret_and_verifies_with_either()
    {
        var customer = await app.CreateCustomerAsync();
        await ChangeKycAsync(customer.Id, "KYC_2");

        var delivery = await AcceptedAsync($"customer:{customer.Id}", 1);
        var parts = delivery.Signature.Split(',');
        Assert.Equal(3, parts.Length);
        Assert.Equal($"t={app.Clock.GetUtcNow().ToUnixTimeSeconds()}", parts[0]);
        var timestamp = parts[0]["t=".Length..];
        // A receiver that knows only the old secret, and one that knows only the new: each finds its signature.
        Assert.Contains($"v1={Sign(WebhookApp.OldSecret, timestamp, delivery.Body)}", parts[1..]);
        Assert.Contains($"v1={Sign(WebhookApp.NewSecret, timestamp, delivery.Body)}", parts[1..]);
        Assert.DoesNotContain($"v1={Sign("another-secret-0123456789abc", timestamp, delivery.Body)}", parts[1..]);
        // The typed client's check, as a merchant's receiver would run it.
        var bytes = Encoding.UTF8.GetBytes(delivery.Body);
        Assert.True(Payout.Client.WebhookSignatures.Verify(delivery.Signature, bytes, [WebhookApp.NewSecret], app.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(Payout.Client.WebhookSignatures.Verify(delivery.Signature, bytes, ["another-secret-0123456789abc"], app.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));

        var body = delivery.Json;
        Assert.Equal("customer.kyc_level_changed", body.GetProperty("type").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.True(body.GetProperty("sequence").GetInt64() > 0);
        Assert.Equal("KYC_2", body.GetProperty("data").GetProperty("kycLevel").GetString());
    }

    [Fact]
    public async Task A_receiver_down_for_an_hour_then_back_gets_every_event_in_order_per_payout()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        app.Receiver.Mode = ReceiverMode.Fail;
        var operations = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var operationId = await PayAsync(client, cardId);
            Assert.Equal("SUCCESS", (await app.WaitForFinalAsync(client, operationId)).GetProperty("status").GetString());
            operations.Add(operationId);
        }

        // An hour of answering 500, in steps of the longest backoff: each step brings a retry, which fails again. The clock
        // moves only once the failure is recorded, so each retry is due within the step.
        var attempts = await Eventually.EventuallyAsync(() => RecordedAttemptsAsync(operations[0]), n => n >= 1, TimeSpan.FromSeconds(20), "first attempt recorded");
        foreach (var _ in Enumerable.Range(0, 12))
        {
            var before = attempts;
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            attempts = await Eventually.EventuallyAsync(() => RecordedAttemptsAsync(operations[0]), n => n > before, TimeSpan.FromSeconds(20), "retried after the backoff");
        }

        Assert.All(operations, id => Assert.DoesNotContain(app.Receiver.Accepted, r => r.ObjectKey == $"payout:{id}"));
        app.Receiver.Mode = ReceiverMode.Accept;
        // An attempt still in flight when the receiver came back may yet record a failure, due the longest backoff after it:
        // every payout's first event must be at rest before the clock moves past that backoff.
        foreach (var id in operations)
        {
            await Eventually.EventuallyAsync(() => RecordedAttemptsAsync(id), n => n >= 0, TimeSpan.FromSeconds(20), $"no attempt in flight for payout {id}");
        }

        app.Clock.Advance(TimeSpan.FromMinutes(5));

        foreach (var id in operations)
        {
            await AcceptedAsync($"payout:{id}", 2);
            AssertInOrder($"payout:{id}", 2);
        }
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_gets_the_event_again()
    {
        var customer = await app.CreateCustomerAsync();
        app.Receiver.Mode = ReceiverMode.Hang;
        await ChangeKycAsync(customer.Id, "KYC_2");
        var key = $"customer:{customer.Id}";
        await Eventually.EventuallyAsync(() => Task.FromResult(app.Receiver.Received.Count(r => r.ObjectKey == key)), n => n >= 1, TimeSpan.FromSeconds(20), "sent once");

        app.Receiver.Mode = ReceiverMode.Accept;
        // The attempt times out (1 s, real time); its retry is due a second later on the service's clock.
        await Eventually.EventuallyAsync(
            () => Task.FromResult(app.Receiver.Accepted.Count(r => r.ObjectKey == key)), n => n >= 1, TimeSpan.FromSeconds(20), "delivered after the timeout",
            nudge: () => app.Clock.Advance(TimeSpan.FromSeconds(5)));
        Assert.True(app.Receiver.Received.Count(r => r.ObjectKey == key) >= 2);
    }

    [Fact]
    public async Task The_webhook_backlog_and_its_age_are_metrics()
    {
        using var scraper = app.CreateClient();
        var text = await scraper.GetStringAsync("/metrics");

        // Only the series' presence: every app in this process shares one exporter, so another app's value may win.
        Assert.Contains("# TYPE payout_webhooks_pending gauge", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE payout_webhooks_pending_age_seconds gauge", text, StringComparison.Ordinal);
    }

    /// <summary>The attempts the service has recorded for the payout's first event (none while one is in flight).</summary>
    private async Task<int> RecordedAttemptsAsync(long operationId)
    {
        var key = WebhookDelivery.OrderingKeyOf("payout", operationId);
        var first = await app.Inside.ReadDatabaseAsync(db => db.Set<WebhookDelivery>().AsNoTracking()
            .Where(d => d.OrderingKey == key).OrderBy(d => d.Sequence).FirstOrDefaultAsync());
        return first is { LeaseOwner: null } ? first.Attempts : -1;
    }

    private async Task<ReceivedWebhook> AcceptedAsync(string objectKey, int version)
    {
        var accepted = await Eventually.EventuallyAsync(
            () => Task.FromResult(app.Receiver.Accepted.Where(r => r.ObjectKey == objectKey && r.Version == version).ToList()),
            found => found.Count > 0, TimeSpan.FromSeconds(20), $"{objectKey} v{version} delivered",
            // Under load an attempt can time out (1 s): its retry waits on the service's clock.
            nudge: () => app.Clock.Advance(TimeSpan.FromSeconds(5)));
        return accepted[0];
    }

    /// <summary>The first delivery of each version of the object arrived in version order, 1 to <paramref name="versions"/>.</summary>
    internal static void AssertInOrder(IReadOnlyList<ReceivedWebhook> accepted, string objectKey, int versions)
    {
        var firstArrivals = accepted.Where(r => r.ObjectKey == objectKey).Select(r => r.Version).Distinct().ToList();
        Assert.Equal(Enumerable.Range(1, versions), firstArrivals);
    }

    private void AssertInOrder(string objectKey, int versions) => AssertInOrder(app.Receiver.Accepted, objectKey, versions);

    private async Task ChangeKycAsync(long customerId, string level)
    {
        using var admin = app.AdminClient();
        await admin.PutAsJsonAsync($"/admin/v1/customers/{customerId}/kyc", new { kycLevel = level }).AssertSuccessAsync();
    }

    private async Task<long> PayAsync(HttpClient client, long cardId)
    {
        var offerId = (await app.OfferAsync(client, cardId, 50m)).GetProperty("offerId").GetInt64();
        var paid = await app.PayAsync(client, offerId);
        Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
        return (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64();
    }

    /// <summary>What a receiver computes: hex HMAC-SHA256 of "t.body" with its secret.</summary>
    private static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
