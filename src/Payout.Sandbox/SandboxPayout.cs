namespace Payout.Sandbox;

/// <summary>A payout's state on the network. Written on the wire as <c>PAID</c>, <c>PENDING</c>, <c>DECLINED</c>.</summary>
public enum PayoutStatus
{
    Paid,
    Pending,
    Declined,
}

/// <summary>The <c>declineReason</c> values.</summary>
public static class DeclineReasons
{
    public const string IssuerDeclined = "ISSUER_DECLINED";
    public const string DoNotHonour = "DO_NOT_HONOUR";
    public const string NotEligible = "NOT_ELIGIBLE";
}

/// <summary>
/// One payout as the network keeps it. Immutable: the store swaps whole records under its lock, so a reader
/// never sees half a change. Holds no card number, only its <see cref="Behaviour"/> and a keyed
/// <see cref="RequestFingerprint"/> for the idempotency check.
/// </summary>
internal sealed record SandboxPayout
{
    public required string PayoutId { get; init; }

    public required string IdempotencyKey { get; init; }

    public required string RequestFingerprint { get; init; }

    public required CardBehaviour Behaviour { get; init; }

    public required decimal Amount { get; init; }

    public required string Currency { get; init; }

    public required Uri? CallbackUrl { get; init; }

    public required PayoutStatus Status { get; init; }

    public string? DeclineReason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Counted, not derived from <see cref="Status"/>, so a double payment would show as 2.</summary>
    public int TimesPaid { get; init; }

    public int CallbackAttempts { get; init; }

    public bool CallbackDelivered { get; init; }

    /// <summary>The payout as recorded by its first successful create request.</summary>
    public static SandboxPayout Open(string idempotencyKey, NewPayout request, DateTimeOffset now)
    {
        var payout = new SandboxPayout
        {
            PayoutId = request.PayoutId,
            IdempotencyKey = idempotencyKey,
            RequestFingerprint = request.Fingerprint,
            Behaviour = request.Behaviour,
            Amount = request.Amount,
            Currency = request.Currency,
            CallbackUrl = request.CallbackUrl,
            Status = PayoutStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };

        return request.Behaviour switch
        {
            CardBehaviour.PendingThenPaid or CardBehaviour.PendingThenDeclined => payout,
            CardBehaviour.DeclinedAtOnce => payout.Decline(DeclineReasons.DoNotHonour, now),
            CardBehaviour.NotEligible => payout.Decline(DeclineReasons.NotEligible, now),
            CardBehaviour.PaidAtOnce or CardBehaviour.Transient or CardBehaviour.LostResponse => payout.Pay(now),
            CardBehaviour.NoAnswer => throw new InvalidOperationException("A no-answer card is never recorded."),
        };
    }

    /// <summary>The final state of a PENDING payout.</summary>
    public SandboxPayout Settle(DateTimeOffset now) =>
        Behaviour == CardBehaviour.PendingThenDeclined ? Decline(DeclineReasons.IssuerDeclined, now) : Pay(now);

    private SandboxPayout Pay(DateTimeOffset now) =>
        this with { Status = PayoutStatus.Paid, TimesPaid = TimesPaid + 1, UpdatedAt = now };

    private SandboxPayout Decline(string reason, DateTimeOffset now) =>
        this with { Status = PayoutStatus.Declined, DeclineReason = reason, UpdatedAt = now };
}

/// <summary>A validated create request, reduced to what the network keeps (no card number).</summary>
internal sealed record NewPayout(
    string PayoutId, decimal Amount, string Currency, Uri? CallbackUrl, CardBehaviour Behaviour, string Fingerprint);
