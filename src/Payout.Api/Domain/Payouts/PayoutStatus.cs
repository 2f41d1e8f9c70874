namespace Payout.Api.Domain.Payouts;

/// <summary>A payout's status (spec §8): PENDING until the network's final answer, then SUCCESS or FAILED for good.</summary>
public enum PayoutStatus
{
    PENDING,
    SUCCESS,
    FAILED,
}
