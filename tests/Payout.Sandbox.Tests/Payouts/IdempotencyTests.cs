using System.Net;
using System.Net.Http.Json;
using Payout.Sandbox.Tests.Infrastructure;

namespace Payout.Sandbox.Tests.Payouts;

/// <summary>The same Idempotency-Key never pays twice, whatever the timing.</summary>
public sealed class IdempotencyTests(SandboxApp app) : IClassFixture<SandboxApp>
{
    private const string Card = "4111111111111111";

    [Fact]
    public async Task Same_key_twice_answers_the_same_payout_and_pays_once()
    {
        var (id, key) = (SandboxApp.NewId(), SandboxApp.NewKey());
        var first = await app.CreatePayoutAsync(Card, id, key);
        app.Clock.Advance(TimeSpan.FromSeconds(10));

        var second = await app.CreatePayoutAsync(Card, id, key);

        Assert.Equal(first, second);
        var seen = await app.AdminPayoutAsync(id);
        Assert.Equal((1, 2), (seen!.TimesPaid, seen.CreateAttempts));
    }

    [Theory]
    [InlineData(Card)]
    [InlineData(SandboxCards.PendingThenPaid)]
    public async Task Twenty_parallel_creates_with_one_key_pay_once(string cardNumber)
    {
        var (id, key) = (SandboxApp.NewId(), SandboxApp.NewKey());

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            using var response = await app.CreateAsync(cardNumber, id, key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<PayoutBody>();
        })));
        await app.AdvanceUntilAsync(() => app.Callbacks.Delivered(id) || cardNumber == Card);

        Assert.Single(answers.Distinct());
        var seen = await app.AdminPayoutAsync(id);
        Assert.Equal(("PAID", 1), (seen!.Status, seen.TimesPaid));
        Assert.InRange(seen.CreateAttempts, 1, 20);
    }

    [Fact]
    public async Task A_pending_payout_asked_again_is_answered_pending_and_settles_once()
    {
        var (id, key) = (SandboxApp.NewId(), SandboxApp.NewKey());
        var first = await app.CreatePayoutAsync(SandboxCards.PendingThenPaid, id, key);

        Assert.Equal(first, await app.CreatePayoutAsync(SandboxCards.PendingThenPaid, id, key));
        await app.AdvanceUntilAsync(() => app.Callbacks.Delivered(id));
        var again = await app.CreatePayoutAsync(SandboxCards.PendingThenPaid, id, key);

        Assert.Equal("PAID", again.Status);
        Assert.Equal(1, (await app.AdminPayoutAsync(id))!.TimesPaid);
        Assert.Single(app.Callbacks.For(id));
    }

    [Fact]
    public async Task The_same_amount_written_with_a_trailing_zero_is_the_same_request()
    {
        var (id, key) = (SandboxApp.NewId(), SandboxApp.NewKey());
        using var first = await app.CreateAsync(Card, id, key, amount: 12.3m);

        using var second = await app.CreateAsync(Card, id, key, amount: 12.30m);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, (await app.AdminPayoutAsync(id))!.TimesPaid);
    }

    [Theory]
    [InlineData("4012888888881881", 12.34, "EUR")]
    [InlineData(Card, 12.35, "EUR")]
    [InlineData(Card, 12.34, "USD")]
    public async Task Same_key_with_a_different_body_is_refused_and_changes_nothing(string cardNumber, decimal amount, string currency)
    {
        var (id, key) = (SandboxApp.NewId(), SandboxApp.NewKey());
        var original = await app.CreatePayoutAsync(Card, id, key);

        using var response = await app.CreateAsync(cardNumber, id, key, amount, currency);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", (await response.Content.ReadFromJsonAsync<ErrorBody>())!.Error);
        Assert.Equal(original, await app.GetPayoutAsync(id));
        Assert.Equal(1, (await app.AdminPayoutAsync(id))!.TimesPaid);
    }

    [Fact]
    public async Task Same_key_for_another_payout_id_is_refused()
    {
        var key = SandboxApp.NewKey();
        await app.CreatePayoutAsync(Card, SandboxApp.NewId(), key);

        using var response = await app.CreateAsync(Card, SandboxApp.NewId(), key);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", (await response.Content.ReadFromJsonAsync<ErrorBody>())!.Error);
    }

    [Fact]
    public async Task A_payout_id_created_under_another_key_is_refused_and_not_paid_again()
    {
        var id = SandboxApp.NewId();
        await app.CreatePayoutAsync(Card, id, SandboxApp.NewKey());

        using var response = await app.CreateAsync(Card, id, SandboxApp.NewKey());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("PAYOUT_ID_REUSED", (await response.Content.ReadFromJsonAsync<ErrorBody>())!.Error);
        Assert.Equal(1, (await app.AdminPayoutAsync(id))!.TimesPaid);
    }
}
