using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Testing;
using Payout.Sandbox.Tests.Infrastructure;

namespace Payout.Sandbox.Tests.Security;

/// <summary>Card numbers never reach a log line, at any level, on any path (success, errors, hangs, callbacks).</summary>
public sealed class CardNumberLoggingTests(SandboxApp app) : IClassFixture<SandboxApp>
{
    private const string BadCheckDigit = "4111111111111112";

    [Fact]
    public async Task No_card_number_appears_in_any_log_record()
    {
        var cards = SandboxCards.PublicTestNumbers.Concat(SandboxCards.Special.Keys).Append(BadCheckDigit).ToList();
        await ProduceTrafficAsync();

        var records = app.Logs.GetSnapshot();

        Assert.Contains(records, r => r.Category?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true);
        Assert.Contains(records, r => r.Category?.StartsWith("Payout.Sandbox", StringComparison.Ordinal) == true);
        foreach (var record in records)
        {
            var text = Describe(record);
            Assert.DoesNotContain(cards, card => text.Contains(card, StringComparison.Ordinal));
        }
    }

    private async Task ProduceTrafficAsync()
    {
        // The two hanging cards are driven below, with the clock.
        var answering = SandboxCards.PublicTestNumbers.Concat(SandboxCards.Special.Keys)
            .Where(c => c is not (SandboxCards.NoAnswer or SandboxCards.LostResponse));
        foreach (var card in answering)
        {
            var (id, key) = (SandboxApp.NewId(), SandboxApp.NewKey());
            (await app.CheckEligibilityAsync(card)).Dispose();
            (await app.CreateAsync(card, id, key)).Dispose();
            (await app.CreateAsync(card, id, key, amount: 99m)).Dispose(); // 409: same key, other body
        }

        var failing = SandboxApp.NewId();
        app.Callbacks.FailNext(failing, 1);
        (await app.CreateAsync(SandboxCards.PendingThenDeclined, failing, SandboxApp.NewKey())).Dispose();
        await app.AdvanceUntilAsync(() => app.Callbacks.Delivered(failing));

        var lost = app.CreateAsync(SandboxCards.LostResponse, SandboxApp.NewId(), SandboxApp.NewKey());
        var dropped = app.CreateAsync(SandboxCards.NoAnswer, SandboxApp.NewId(), SandboxApp.NewKey());
        await app.AdvanceUntilAsync(() => lost.IsCompleted && dropped.IsCompleted);
        (await lost).Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => dropped);

        using var client = app.Client();
        foreach (var body in new[]
        {
            $$"""{"payoutId":"p","cardNumber":"{{BadCheckDigit}}","amount":1,"currency":"EUR"}""",
            $$"""{"payoutId":"p","cardNumber":{{SandboxCards.DeclinedAtOnce}},"amount":1,"currency":"EUR"}""",
            $$"""{"payoutId":"p","cardNumber":"{{SandboxCards.PendingThenPaid}}","amount":"1","currency":"EUR"}""",
            $$"""{"payoutId":"p","cardNumber":"{{SandboxCards.PendingThenPaid}}",""",
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payouts") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", SandboxApp.NewKey());
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    private static string Describe(FakeLogRecord record) => string.Join(
        " | ",
        record.Category,
        record.Message,
        record.Exception?.ToString(),
        string.Join(", ", record.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? []),
        string.Join(", ", record.Scopes.Select(s => s?.ToString())));
}
