using System.Security.Cryptography;
using System.Text.Json;

namespace Payout.Sandbox;

/// <summary>Body of <c>POST /v1/payouts</c>. Every field is nullable so that a missing one is a 400 with a clear message.</summary>
internal sealed record CreatePayoutRequest(string? PayoutId, string? CardNumber, decimal? Amount, string? Currency, string? CallbackUrl)
{
    public const int MaxIdLength = 100;
    private const decimal MaxAmount = 1_000_000_000m;

    // Random per process: the fingerprint is keyed so that it cannot be brute-forced back to a card number.
    private static readonly byte[] FingerprintKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>What is wrong with the request, or null. Never quotes a value (it could be a card number).</summary>
    public string? Problem()
    {
        if (!IsValidId(PayoutId))
        {
            return $"payoutId is required: 1 to {MaxIdLength} letters, digits, '-', '_', '.' or ':'.";
        }

        if (!SandboxCards.IsWellFormed(CardNumber))
        {
            return "cardNumber must be a string of 12 to 19 digits with a valid check digit.";
        }

        if (Amount is not { } amount || amount <= 0 || amount > MaxAmount || decimal.Round(amount, 2) != amount)
        {
            return "amount must be a number greater than 0, at most 1000000000, with at most 2 decimals.";
        }

        if (Currency is not ("EUR" or "USD"))
        {
            return "currency must be EUR or USD.";
        }

        return CallbackUrl is not null && !SandboxOptions.IsHttpUrl(CallbackUrl)
            ? "callbackUrl must be an absolute http or https URL."
            : null;
    }

    /// <summary>The request as the store keeps it: the card number is reduced to its behaviour and a keyed fingerprint.</summary>
    public NewPayout ToNewPayout(Uri? defaultCallbackUrl) => new(
        PayoutId!,
        decimal.Round(Amount!.Value, 2),
        Currency!,
        CallbackUrl is null ? defaultCallbackUrl : new Uri(CallbackUrl, UriKind.Absolute),
        SandboxCards.BehaviourOf(CardNumber!),
        Fingerprint());

    /// <summary>Letters, digits and <c>-_.:</c>: safe in a URL path and in a log line.</summary>
    public static bool IsValidId(string? value) =>
        value is { Length: >= 1 and <= MaxIdLength }
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    // A JSON array keeps the fields apart unambiguously; 12.3 and 12.30 are the same amount.
    private string Fingerprint() => Convert.ToHexString(HMACSHA256.HashData(
        FingerprintKey,
        JsonSerializer.SerializeToUtf8Bytes(new[] { PayoutId, CardNumber, decimal.Round(Amount!.Value, 2).ToString("F2", System.Globalization.CultureInfo.InvariantCulture), Currency, CallbackUrl })));
}

internal sealed record EligibilityRequest(string? CardNumber);

internal sealed record EligibilityResponse(bool Eligible, string? Reason);

internal sealed record OutageRequest(int? Seconds);

internal sealed record OutageResponse(DateTimeOffset Until);

/// <summary>A payout on the wire: the answer to create and status requests, and the callback body.</summary>
internal sealed record PayoutResponse(
    string PayoutId, PayoutStatus Status, string? DeclineReason, decimal Amount, string Currency, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PayoutResponse From(SandboxPayout p) =>
        new(p.PayoutId, p.Status, p.DeclineReason, p.Amount, p.Currency, p.CreatedAt, p.UpdatedAt);
}

/// <summary>A payout as the operator sees it, with the counters tests check (<c>timesPaid</c> must never exceed 1).</summary>
internal sealed record AdminPayoutResponse(
    string PayoutId,
    PayoutStatus Status,
    string? DeclineReason,
    decimal Amount,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string IdempotencyKey,
    int CreateAttempts,
    int TimesPaid,
    int CallbackAttempts,
    bool CallbackDelivered)
{
    public static AdminPayoutResponse From(SandboxPayout p, int createAttempts) =>
        new(p.PayoutId, p.Status, p.DeclineReason, p.Amount, p.Currency, p.CreatedAt, p.UpdatedAt,
            p.IdempotencyKey, createAttempts, p.TimesPaid, p.CallbackAttempts, p.CallbackDelivered);
}

internal sealed record AdminPayoutsResponse(IReadOnlyList<AdminPayoutResponse> Payouts);
