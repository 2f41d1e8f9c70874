using System.Net;
using System.Net.Http.Json;
using Payout.Sandbox.Tests.Infrastructure;

namespace Payout.Sandbox.Tests.Cards;

/// <summary>Each row of the README's test card table, end to end.</summary>
public sealed class CardBehaviourTests(SandboxApp app) : IClassFixture<SandboxApp>
{
    public static readonly TheoryData<string> PaidAtOnceNumbers =
        new(SandboxCards.PublicTestNumbers.Concat(["4242424242424242", "4000000000000101"]));

    [Theory]
    [MemberData(nameof(PaidAtOnceNumbers))]
    public async Task Public_and_unlisted_numbers_are_eligible_and_paid_at_once(string cardNumber)
    {
        using var eligibility = await app.CheckEligibilityAsync(cardNumber);
        Assert.Equal(new EligibilityBody(true, null), await eligibility.Content.ReadFromJsonAsync<EligibilityBody>());

        var payout = await app.CreatePayoutAsync(cardNumber);

        Assert.Equal("PAID", payout.Status);
        Assert.Null(payout.DeclineReason);
        Assert.Equal(1, (await app.AdminPayoutAsync(payout.PayoutId))!.TimesPaid);
    }

    [Fact]
    public async Task Pending_then_paid_card_is_paid_after_the_delay_with_a_callback()
    {
        var created = await app.CreatePayoutAsync(SandboxCards.PendingThenPaid);
        Assert.Equal("PENDING", created.Status);
        Assert.Equal("PENDING", (await app.GetPayoutAsync(created.PayoutId)).Status);

        await app.AdvanceUntilAsync(() => app.Callbacks.Delivered(created.PayoutId));

        var callback = app.Callbacks.For(created.PayoutId).Single();
        Assert.True(callback.ReceivedAt - created.CreatedAt >= TimeSpan.FromSeconds(SandboxApp.PendingDelaySeconds));
        Assert.Contains("\"status\":\"PAID\"", callback.BodyText, StringComparison.Ordinal);
        var settled = await app.GetPayoutAsync(created.PayoutId);
        Assert.Equal(("PAID", (string?)null), (settled.Status, settled.DeclineReason));
        Assert.Equal(1, (await app.AdminPayoutAsync(created.PayoutId))!.TimesPaid);
    }

    [Fact]
    public async Task Pending_then_declined_card_is_declined_by_the_issuer_after_the_delay_with_a_callback()
    {
        var created = await app.CreatePayoutAsync(SandboxCards.PendingThenDeclined);
        Assert.Equal("PENDING", created.Status);

        await app.AdvanceUntilAsync(() => app.Callbacks.Delivered(created.PayoutId));

        Assert.Contains("\"status\":\"DECLINED\"", app.Callbacks.For(created.PayoutId).Single().BodyText, StringComparison.Ordinal);
        var settled = await app.GetPayoutAsync(created.PayoutId);
        Assert.Equal(("DECLINED", "ISSUER_DECLINED"), (settled.Status, settled.DeclineReason));
        Assert.Equal(0, (await app.AdminPayoutAsync(created.PayoutId))!.TimesPaid);
    }

    [Fact]
    public async Task Declined_card_is_declined_at_once_without_a_callback()
    {
        var payout = await app.CreatePayoutAsync(SandboxCards.DeclinedAtOnce);

        Assert.Equal(("DECLINED", "DO_NOT_HONOUR"), (payout.Status, payout.DeclineReason));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var seen = await app.AdminPayoutAsync(payout.PayoutId);
        Assert.Equal((0, 0), (seen!.TimesPaid, seen.CallbackAttempts));
        Assert.Empty(app.Callbacks.For(payout.PayoutId));
    }

    [Fact]
    public async Task Not_eligible_card_fails_the_eligibility_check_and_its_payout_is_declined()
    {
        using var eligibility = await app.CheckEligibilityAsync(SandboxCards.NotEligible);
        Assert.Equal(new EligibilityBody(false, "NOT_ELIGIBLE"), await eligibility.Content.ReadFromJsonAsync<EligibilityBody>());

        var payout = await app.CreatePayoutAsync(SandboxCards.NotEligible);

        Assert.Equal(("DECLINED", "NOT_ELIGIBLE"), (payout.Status, payout.DeclineReason));
        Assert.Equal(0, (await app.AdminPayoutAsync(payout.PayoutId))!.TimesPaid);
    }

    [Fact]
    public async Task Transient_card_answers_503_recording_nothing_then_pays_once()
    {
        var (id, key) = (SandboxApp.NewId(), SandboxApp.NewKey());
        for (var attempt = 1; attempt <= SandboxApp.TransientFailures; attempt++)
        {
            using var failed = await app.CreateAsync(SandboxCards.Transient, id, key);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            Assert.Equal("UNAVAILABLE", (await failed.Content.ReadFromJsonAsync<ErrorBody>())!.Error);
            using var status = await app.GetAsync(id);
            Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
            Assert.Null(await app.AdminPayoutAsync(id));
        }

        using var paid = await app.CreateAsync(SandboxCards.Transient, id, key);

        Assert.Equal("PAID", (await paid.Content.ReadFromJsonAsync<PayoutBody>())!.Status);
        var seen = await app.AdminPayoutAsync(id);
        Assert.Equal((1, SandboxApp.TransientFailures + 1), (seen!.TimesPaid, seen.CreateAttempts));
    }

    [Fact]
    public async Task Lost_response_card_records_the_payment_then_hangs_and_a_retry_gets_the_same_payout_at_once()
    {
        var (id, key) = (SandboxApp.NewId(), SandboxApp.NewKey());

        var first = await app.StartHangingAsync(() => app.CreateAsync(SandboxCards.LostResponse, id, key));
        await EventuallyAsync(async () => await app.AdminPayoutAsync(id) is not null, TimeSpan.FromSeconds(30), $"the network recorded payout {id}");
        Assert.False(first.IsCompleted);

        using var retry = await app.CreateAsync(SandboxCards.LostResponse, id, key);
        var retried = await retry.Content.ReadFromJsonAsync<PayoutBody>();
        Assert.Equal("PAID", retried!.Status);
        Assert.False(first.IsCompleted);

        await app.AdvanceUntilAsync(() => first.IsCompleted, maxSeconds: SandboxApp.HangSeconds + 5);
        using var late = await first;
        Assert.Equal(retried, await late.Content.ReadFromJsonAsync<PayoutBody>());
        var seen = await app.AdminPayoutAsync(id);
        Assert.Equal((1, 2), (seen!.TimesPaid, seen.CreateAttempts));
    }

    [Fact]
    public async Task No_answer_card_hangs_then_drops_payout_requests_and_never_records_a_payment()
    {
        var id = SandboxApp.NewId();

        await AssertDroppedAfterHangAsync(await app.StartHangingAsync(() => app.CreateAsync(SandboxCards.NoAnswer, id, SandboxApp.NewKey())));
        await AssertDroppedAfterHangAsync(await app.StartHangingAsync(() => app.GetAsync(id)));

        Assert.Null(await app.AdminPayoutAsync(id));
    }

    private async Task AssertDroppedAfterHangAsync(Task<HttpResponseMessage> request)
    {
        var started = app.Clock.GetUtcNow();
        await app.AdvanceUntilAsync(() => request.IsCompleted, maxSeconds: SandboxApp.HangSeconds + 5);
        Assert.True(app.Clock.GetUtcNow() - started >= TimeSpan.FromSeconds(SandboxApp.HangSeconds));
        await Assert.ThrowsAnyAsync<Exception>(() => request);
    }
}
