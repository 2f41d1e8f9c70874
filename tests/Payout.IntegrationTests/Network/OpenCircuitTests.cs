using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Payout.Api.Features.Payouts.Network;
using Payout.IntegrationTests.Infrastructure;
using Polly;
using Polly.CircuitBreaker;

namespace Payout.IntegrationTests.Network;

/// <summary>
/// The service with a circuit breaker of the test's own on the network's client for fresh work, opened and closed by
/// hand: the service's own breaker opens only after many failures in real time.
/// </summary>
public sealed class OpenCircuitApp : PayoutApp
{
    private readonly CircuitBreakerManualControl circuit = new();

    public Task OpenCircuitAsync() => circuit.IsolateAsync();

    public Task CloseCircuitAsync() => circuit.CloseAsync();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddHttpClient(NetworkSetup.ClientName).AddResilienceHandler("test-circuit", builder =>
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage> { ManualControl = circuit }));
}

/// <summary>
/// A call our circuit breaker holds back never reached the network, so it is not an attempt; and a payout whose last
/// attempt went unanswered is asked again outside the breaker, so payouts the network never answers cannot keep the
/// circuit open on the ones it did answer (the soak found answered payouts still pending minutes later).
/// </summary>
public sealed class OpenCircuitTests(OpenCircuitApp app) : IClassFixture<OpenCircuitApp>
{
    [Fact]
    public async Task A_payout_held_back_by_the_open_circuit_keeps_zero_attempts_and_is_paid_once_when_it_closes()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        using var admin = app.AdminClient();
        using var network = app.NetworkAdminClient();
        await app.OpenCircuitAsync();
        try
        {
            var payout = await app.PayOutAsync(client, cardId, 50m);
            var operationId = payout.GetProperty("operationId").GetInt64();
            Assert.Equal("PENDING", payout.GetProperty("status").GetString());

            // The dispatcher's next try is held back too, and again counts nothing.
            app.Clock.Advance(NetworkSetup.CircuitBreakDuration + TimeSpan.FromSeconds(1));
            var now = app.Clock.GetUtcNow();
            var detail = await EventuallyAsync(
                () => admin.GetFromJsonAsync<JsonElement>($"/admin/v1/payouts/{operationId}"),
                d => Sends(d) >= 2 && d.GetProperty("dispatch").GetProperty("dueAt").GetDateTimeOffset() > now,
                TimeSpan.FromSeconds(15), "the dispatcher tried again while the circuit was open");
            Assert.Equal(0, detail.GetProperty("dispatch").GetProperty("attempts").GetInt32());
            Assert.True(detail.GetProperty("dispatch").GetProperty("dueAt").GetDateTimeOffset() <= now + NetworkSetup.CircuitBreakDuration,
                "a held-back payout is tried again when the circuit lets calls through, not after a growing backoff");

            await app.CloseCircuitAsync();
            app.Clock.Advance(NetworkSetup.CircuitBreakDuration + TimeSpan.FromSeconds(1));
            Assert.Equal("SUCCESS", (await app.WaitForFinalAsync(client, operationId)).GetProperty("status").GetString());
            var recorded = await NetworkOutageTests.AssertEachPaidOnceAsync(network, [operationId]);
            Assert.Equal(1, Assert.Single(recorded).GetProperty("createAttempts").GetInt32());
            Assert.Equal(1_000m - payout.GetProperty("totalDebited").GetDecimal(), await app.BalanceAsync(customer.Id, "USDT"));
            await app.AssertLedgerHoldsAsync();
        }
        finally
        {
            await app.CloseCircuitAsync();
        }
    }

    [Fact]
    public async Task A_payout_whose_last_attempt_went_unanswered_is_asked_again_while_the_circuit_is_open()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        using var admin = app.AdminClient();
        using var network = app.NetworkAdminClient();
        await network.PostAsJsonAsync("outage", new { seconds = 3_600 }).AssertSuccessAsync();
        var payout = await app.PayOutAsync(client, cardId, 50m);
        var operationId = payout.GetProperty("operationId").GetInt64();
        await EventuallyAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/admin/v1/payouts/{operationId}"),
            d => d.GetProperty("dispatch").GetProperty("attempts").GetInt32() == 1,
            TimeSpan.FromSeconds(15), "the send during the outage was recorded as an attempt without an answer");

        await app.OpenCircuitAsync();
        try
        {
            await network.DeleteAsync("outage").AssertSuccessAsync();
            app.Clock.Advance(TimeSpan.FromSeconds(3));
            Assert.Equal("SUCCESS", (await app.WaitForFinalAsync(client, operationId)).GetProperty("status").GetString());
        }
        finally
        {
            await app.CloseCircuitAsync();
        }

        await NetworkOutageTests.AssertEachPaidOnceAsync(network, [operationId]);
        Assert.Equal(1_000m - payout.GetProperty("totalDebited").GetDecimal(), await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    private static int Sends(JsonElement detail) =>
        detail.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "SENT");
}
