namespace Payout.Api.Features.Payouts;

/// <summary>The network's answer about one payout; <see cref="Detail"/> says why it was declined or not answered.</summary>
public sealed record NetworkAnswer(NetworkOutcome Outcome, string? Detail = null)
{
    public bool IsFinal => Outcome is NetworkOutcome.Paid or NetworkOutcome.Declined;
}
