using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Events;

/// <summary>Two API processes (hosts) on one database writing events at once, read by a consumer through both.</summary>
public sealed class TwoProcessEventsTests(PayoutApp app) : IClassFixture<PayoutApp>
{
    private const int PayoutsPerProcess = 8;

    [Fact]
    public async Task A_consumer_reading_on_from_its_cursor_while_two_processes_write_misses_nothing()
    {
        await using var second = new PayoutApp(app.Database, app.KeysDirectory, networkHost: app);
        await ((IAsyncLifetime)second).InitializeAsync();
        var (_, firstClient, firstCard) = await app.PayingCustomerAsync(deposit: 10_000m);
        var (secondCustomer, _, secondCard) = await app.PayingCustomerAsync(deposit: 10_000m);
        using var admin = app.AdminClient();
        using var secondAdmin = second.AdminClient();

        // The consumer reads on in small pages, through one process then the other, while both execute payouts.
        var feed = new EventFeed();
        using var writing = new CancellationTokenSource();
        var consumer = Task.Run(async () =>
        {
            var round = 0;
            while (!writing.IsCancellationRequested)
            {
                await feed.ReadOnAsync(++round % 2 == 0 ? admin : secondAdmin, limit: 5);
            }
        });
        using var secondClient = await second.ClientForAsync(secondCustomer);
        var operations = await Task.WhenAll(
            PayManyAsync(app, firstClient, firstCard),
            PayManyAsync(second, secondClient, secondCard));
        // A payout whose request gave up waiting on the network is retried when due: move both clocks past that.
        app.Clock.Advance(TimeSpan.FromSeconds(10));
        second.Clock.Advance(TimeSpan.FromSeconds(10) + (app.Clock.GetUtcNow() - second.Clock.GetUtcNow()));
        foreach (var (client, ids) in new[] { (firstClient, operations[0]), (secondClient, operations[1]) })
        {
            foreach (var id in ids)
            {
                Assert.Equal("SUCCESS", (await app.WaitForFinalAsync(client, id)).GetProperty("status").GetString());
            }
        }

        await writing.CancelAsync();
        await consumer;
        await feed.ReadOnAsync(admin);

        // Every number from 1, once, in order: nothing committed late was numbered behind the cursor.
        Assert.Equal(Enumerable.Range(1, feed.Events.Count).Select(i => (long)i), feed.Events.Select(e => e.Sequence));
        foreach (var id in operations.SelectMany(o => o))
        {
            var events = feed.Of("payout", id);
            Assert.Equal(["payout.created", "payout.succeeded"], events.Select(e => e.Type));
            Assert.Equal([1, 2], events.Select(e => e.Version));
        }

        await ((IAsyncLifetime)second).DisposeAsync();
    }

    private static async Task<List<long>> PayManyAsync(PayoutApp host, HttpClient client, long cardId)
    {
        var offers = new List<long>();
        for (var i = 0; i < PayoutsPerProcess; i++)
        {
            offers.Add((await host.OfferAsync(client, cardId, 50m)).GetProperty("offerId").GetInt64());
        }

        var paid = await Task.WhenAll(offers.Select(async offerId =>
        {
            var response = await host.PayAsync(client, offerId);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64();
        }));
        return [.. paid];
    }
}
