namespace Payout.Api.Domain.Cards;

/// <summary>The payout network's eligibility answer for a card (spec §5).</summary>
public enum CardValidationStatus
{
    APPROVED,
    PENDING,
    DECLINED,
}
