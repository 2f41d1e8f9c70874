using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;

namespace Payout.Sandbox.Tests.Infrastructure;

/// <summary>
/// The sandbox network in process, on a fake clock, with callbacks going to a <see cref="CallbackReceiver"/> and every
/// log record (down to Trace) captured. One per test class; tests use fresh payout ids and keys, so they share nothing.
/// </summary>
public class SandboxApp : WebApplicationFactory<SandboxProgram>
{
    public const string ApiKey = "test-sandbox-key-0123456789";
    public const string CallbackSecret = "test-callback-secret-0123456789";
    public const string DefaultCallbackUrl = "http://payout.test/callbacks/sandbox";
    public const int PendingDelaySeconds = 3;
    public const int TransientFailures = 3;
    public const int HangSeconds = 30;
    public const int CallbackMaxAttempts = 4;

    public SandboxApp() => Callbacks = new CallbackReceiver(Clock);

    public TimerCountingClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public CallbackReceiver Callbacks { get; }

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>The configured <c>Sandbox:CallbackUrl</c>; null for none.</summary>
    protected virtual string? CallbackUrl => DefaultCallbackUrl;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Sandbox:ApiKey", ApiKey);
        builder.UseSetting("Sandbox:CallbackSecret", CallbackSecret);
        builder.UseSetting("Sandbox:CallbackUrl", CallbackUrl);
        builder.UseSetting("Sandbox:PendingDelaySeconds", $"{PendingDelaySeconds}");
        builder.UseSetting("Sandbox:TransientFailures", $"{TransientFailures}");
        builder.UseSetting("Sandbox:HangSeconds", $"{HangSeconds}");
        builder.UseSetting("Sandbox:CallbackMaxAttempts", $"{CallbackMaxAttempts}");
        // Everything, framework included, so the card-number test sees every line anyone could ship to a log store.
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        builder.ConfigureLogging(logging => logging.ClearProviders().AddFakeLogging());
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddHttpClient(SandboxSetup.CallbackClientName).ConfigurePrimaryHttpMessageHandler(() => Callbacks);
        });
    }

    /// <summary>A client carrying the sandbox's bearer key.</summary>
    public HttpClient Client()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    public static string NewId() => $"po-{Guid.NewGuid():N}";

    public static string NewKey() => $"key-{Guid.NewGuid():N}";

    public async Task<HttpResponseMessage> CreateAsync(
        string cardNumber, string payoutId, string idempotencyKey, decimal amount = 12.34m, string currency = "EUR", string? callbackUrl = null)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payouts")
        {
            Content = JsonContent.Create(new { payoutId, cardNumber, amount, currency, callbackUrl }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    /// <summary>Creates a payout that must be answered 200 and gives its body.</summary>
    public async Task<PayoutBody> CreatePayoutAsync(string cardNumber, string? payoutId = null, string? idempotencyKey = null)
    {
        using var response = await CreateAsync(cardNumber, payoutId ?? NewId(), idempotencyKey ?? NewKey());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PayoutBody>())!;
    }

    public async Task<HttpResponseMessage> GetAsync(string payoutId)
    {
        using var client = Client();
        return await client.GetAsync($"/v1/payouts/{payoutId}");
    }

    public async Task<PayoutBody> GetPayoutAsync(string payoutId)
    {
        using var response = await GetAsync(payoutId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PayoutBody>())!;
    }

    public async Task<HttpResponseMessage> CheckEligibilityAsync(string cardNumber)
    {
        using var client = Client();
        return await client.PostAsJsonAsync("/v1/eligibility", new { cardNumber });
    }

    /// <summary>The operator's view of one payout, or null when the network never recorded it.</summary>
    public async Task<AdminPayoutBody?> AdminPayoutAsync(string payoutId)
    {
        using var client = Client();
        var list = await client.GetFromJsonAsync<AdminPayoutsBody>("/v1/admin/payouts");
        return list!.Payouts.SingleOrDefault(p => p.PayoutId == payoutId);
    }

    /// <summary>
    /// Sends a request the sandbox hangs (the no-answer and lost-response cards) and answers it once the sandbox waits on the
    /// clock for it, so the clock can be moved past the hang. A cold app can take longer to get there than a test takes to
    /// move the clock.
    /// </summary>
    public async Task<Task<HttpResponseMessage>> StartHangingAsync(Func<Task<HttpResponseMessage>> send)
    {
        var hang = TimeSpan.FromSeconds(HangSeconds);
        var hangsBefore = Clock.TimersMade(hang);
        var request = send();
        await EventuallyAsync(() => request.IsCompleted || Clock.TimersMade(hang) > hangsBefore, TimeSpan.FromSeconds(30),
            "the sandbox started hanging the request on its clock");
        return request;
    }

    /// <summary>
    /// Moves the fake clock one second at a time until <paramref name="done"/> holds, at most <paramref name="maxSeconds"/>
    /// fake seconds; then waits for it in real time without moving the clock further. A few real milliseconds between
    /// steps let the app's tasks run, but on a busy machine the work a step released can finish after the last step, so
    /// the outcome of the last fake second gets real seconds, not milliseconds.
    /// </summary>
    public Task AdvanceUntilAsync(Func<bool> done, int maxSeconds = 300) =>
        AdvanceUntilAsync(() => Task.FromResult(done()), maxSeconds);

    public async Task AdvanceUntilAsync(Func<Task<bool>> done, int maxSeconds = 300)
    {
        for (var second = 0; second < maxSeconds; second++)
        {
            if (await done())
            {
                return;
            }

            Clock.Advance(TimeSpan.FromSeconds(1));
            // Not a fixed wait for an outcome: a real moment per fake second for the continuations the step released.
            await Task.Delay(5);
        }

        await EventuallyAsync(done, TimeSpan.FromSeconds(30), $"done within {maxSeconds} fake seconds");
    }
}

/// <summary>An app with no <c>Sandbox:CallbackUrl</c>: callbacks go only where a request asks.</summary>
public sealed class SandboxAppWithoutCallbackUrl : SandboxApp
{
    protected override string? CallbackUrl => null;
}

public sealed record PayoutBody(
    string PayoutId, string Status, string? DeclineReason, decimal Amount, string Currency, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record AdminPayoutBody(
    string PayoutId,
    string Status,
    string? DeclineReason,
    decimal Amount,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string IdempotencyKey,
    int CreateAttempts,
    int TimesPaid,
    int CallbackAttempts,
    bool CallbackDelivered);

public sealed record AdminPayoutsBody(IReadOnlyList<AdminPayoutBody> Payouts);

public sealed record ErrorBody(string Error, string? Message);

public sealed record EligibilityBody(bool Eligible, string? Reason);
