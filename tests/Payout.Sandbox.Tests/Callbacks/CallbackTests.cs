using System.Globalization;
using Payout.Sandbox.Tests.Infrastructure;

namespace Payout.Sandbox.Tests.Callbacks;

public sealed class CallbackTests(SandboxApp app) : IClassFixture<SandboxApp>
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_callback_is_signed_and_verifies_with_the_shared_helper()
    {
        var created = await app.CreatePayoutAsync(SandboxCards.PendingThenPaid);

        await app.AdvanceUntilAsync(() => app.Callbacks.Delivered(created.PayoutId));

        var callback = app.Callbacks.For(created.PayoutId).Single();
        Assert.Equal(new Uri(SandboxApp.DefaultCallbackUrl), callback.Url);
        Assert.Equal("application/json", callback.ContentType);
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), callback.Timestamp);
        Assert.Matches("^v1=[0-9a-f]{64}$", callback.Signature);
        Assert.True(SandboxSignature.Verify(
            SandboxApp.CallbackSecret, callback.Timestamp, callback.Signature, callback.Body, app.Clock.GetUtcNow(), Tolerance));
        // The body is the payout exactly as a status query answers it.
        using var status = await app.GetAsync(created.PayoutId);
        Assert.Equal(await status.Content.ReadAsStringAsync(), callback.BodyText);
    }

    [Fact]
    public async Task A_callback_with_another_body_or_secret_fails_verification()
    {
        var created = await app.CreatePayoutAsync(SandboxCards.PendingThenDeclined);
        await app.AdvanceUntilAsync(() => app.Callbacks.Delivered(created.PayoutId));
        var callback = app.Callbacks.For(created.PayoutId).Single();
        var now = app.Clock.GetUtcNow();

        var tampered = callback.BodyText.Replace("DECLINED", "PAID", StringComparison.Ordinal);

        Assert.False(SandboxSignature.Verify(SandboxApp.CallbackSecret, callback.Timestamp, callback.Signature, tampered, now, Tolerance));
        Assert.False(SandboxSignature.Verify("another-secret-0123456789", callback.Timestamp, callback.Signature, callback.Body, now, Tolerance));
        Assert.False(SandboxSignature.Verify(
            SandboxApp.CallbackSecret, callback.Timestamp, callback.Signature, callback.Body, now + Tolerance + TimeSpan.FromSeconds(1), Tolerance));
    }

    [Fact]
    public async Task A_failed_callback_is_retried_with_growing_waits_until_the_receiver_accepts_it()
    {
        var id = SandboxApp.NewId();
        app.Callbacks.FailNext(id, 2);

        await app.CreatePayoutAsync(SandboxCards.PendingThenPaid, id);
        await app.AdvanceUntilAsync(() => app.Callbacks.Delivered(id));

        var attempts = app.Callbacks.For(id);
        Assert.Equal(3, attempts.Count);
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromSeconds(1));
        Assert.True(attempts[2].ReceivedAt - attempts[1].ReceivedAt >= TimeSpan.FromSeconds(2));
        var seen = await app.AdminPayoutAsync(id);
        Assert.Equal((3, true, 1), (seen!.CallbackAttempts, seen.CallbackDelivered, seen.TimesPaid));
    }

    [Fact]
    public async Task Callbacks_stop_after_the_configured_number_of_attempts()
    {
        var id = SandboxApp.NewId();
        app.Callbacks.FailNext(id, 100);

        await app.CreatePayoutAsync(SandboxCards.PendingThenPaid, id);
        // Giving up is logged after the last attempt and schedules nothing: an hour later there is still nothing more.
        await app.AdvanceUntilAsync(() => app.Logs.GetSnapshot().Any(r => r.Message.Contains($"Callback for payout {id} given up", StringComparison.Ordinal)));
        app.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(SandboxApp.CallbackMaxAttempts, app.Callbacks.For(id).Count);
        var seen = await app.AdminPayoutAsync(id);
        Assert.Equal((SandboxApp.CallbackMaxAttempts, false), (seen!.CallbackAttempts, seen.CallbackDelivered));
        Assert.Equal("PAID", seen.Status);
    }

    [Fact]
    public async Task A_request_s_own_callback_url_wins_over_the_configured_one()
    {
        var id = SandboxApp.NewId();
        const string Own = "https://merchant.test/hooks/payouts?source=sandbox";

        using var response = await app.CreateAsync(SandboxCards.PendingThenPaid, id, SandboxApp.NewKey(), callbackUrl: Own);
        await app.AdvanceUntilAsync(() => app.Callbacks.Delivered(id));

        Assert.Equal(new Uri(Own), app.Callbacks.For(id).Single().Url);
    }
}

public sealed class CallbackWithoutUrlTests(SandboxAppWithoutCallbackUrl app) : IClassFixture<SandboxAppWithoutCallbackUrl>
{
    [Fact]
    public async Task Without_any_callback_url_a_pending_payout_settles_silently()
    {
        var created = await app.CreatePayoutAsync(SandboxCards.PendingThenPaid);

        await app.AdvanceUntilAsync(async () => (await app.GetPayoutAsync(created.PayoutId)).Status == "PAID");

        Assert.Empty(app.Callbacks.For(created.PayoutId));
        Assert.Equal(0, (await app.AdminPayoutAsync(created.PayoutId))!.CallbackAttempts);
    }
}
