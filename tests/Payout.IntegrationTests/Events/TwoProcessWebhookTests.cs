using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Events;

/// <summary>Two API processes on one database, both delivering the webhook outbox to one receiver.</summary>
public sealed class TwoProcessWebhookTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task Two_processes_delivering_post_every_payouts_events_in_order()
    {
        await using var second = new WebhookApp(app);
        await ((IAsyncLifetime)second).InitializeAsync();
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        using var secondClient = await second.ClientForAsync(customer);

        var offers = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            offers.Add((await app.OfferAsync(client, cardId, 50m)).GetProperty("offerId").GetInt64());
        }

        var operations = await Task.WhenAll(offers.Select(async (offerId, i) =>
        {
            var paid = i % 2 == 0 ? await app.PayAsync(client, offerId) : await second.PayAsync(secondClient, offerId);
            Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
            return (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64();
        }));

        foreach (var id in operations)
        {
            await Eventually.EventuallyAsync(
                () => Task.FromResult(app.Receiver.Accepted.Count(r => r.ObjectKey == $"payout:{id}" && r.Version == 2)), n => n > 0,
                TimeSpan.FromSeconds(20), $"payout {id} settled and delivered",
                // Under load an attempt (to the network, or to the receiver) can time out: its retry waits on the clocks.
                nudge: () =>
                {
                    app.Clock.Advance(TimeSpan.FromSeconds(5));
                    second.Clock.Advance(TimeSpan.FromSeconds(5));
                });
            WebhookTests.AssertInOrder(app.Receiver.Accepted, $"payout:{id}", 2);
        }

        await ((IAsyncLifetime)second).DisposeAsync();
    }
}
