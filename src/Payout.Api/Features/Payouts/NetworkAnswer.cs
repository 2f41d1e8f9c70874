using Payout.Api.Domain.Text;

namespace Payout.Api.Features.Payouts;

/// <summary>The network's answer about one payout; <see cref="Detail"/> says why it was declined or not answered.</summary>
public sealed record NetworkAnswer(NetworkOutcome Outcome, string? Detail = null)
{
    /// <summary>What a payout's <c>failureReason</c> can hold (its column).</summary>
    public const int MaxReasonLength = 100;

    public bool IsFinal => Outcome is NetworkOutcome.Paid or NetworkOutcome.Declined;

    /// <summary>
    /// False when the request never left: our own circuit breaker refused it. Then nothing was tried, so the dispatcher
    /// does not count an attempt or lengthen the payout's backoff.
    /// </summary>
    public bool WasAsked { get; init; } = true;

    /// <summary>No answer because we did not ask: the network's circuit is open.</summary>
    public static NetworkAnswer NotAsked(string detail) => new(NetworkOutcome.NoAnswer, detail) { WasAsked = false };

    /// <summary>
    /// A decline with the network's reason when it is short, clean text; otherwise just <c>DECLINED</c>: the reason is
    /// stored and shown to the customer, so what an outside system sends is not taken as it comes.
    /// </summary>
    public static NetworkAnswer Declined(string? reason) =>
        new(NetworkOutcome.Declined, reason is { Length: > 0 and <= MaxReasonLength } && TextRules.Check(reason) is null ? reason : "DECLINED");
}
