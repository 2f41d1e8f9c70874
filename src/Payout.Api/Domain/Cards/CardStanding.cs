namespace Payout.Api.Domain.Cards;

/// <summary>
/// What the payout rules need to know of a stored card: the network's answer, the expiry and whether the customer
/// removed it. The one place that says whether a card can receive a payout (spec §5, §8).
/// </summary>
public sealed record CardStanding(CardValidationStatus ValidationStatus, int ExpiryYear, int ExpiryMonth, bool IsDeleted)
{
    /// <summary>The network approved it and it is still on the customer's list (a deleted card is paid nothing).</summary>
    public bool IsApproved => ValidationStatus == CardValidationStatus.APPROVED && !IsDeleted;

    /// <inheritdoc cref="CardRules.IsExpired"/>
    public bool IsExpiredAt(DateTimeOffset now) => CardRules.IsExpired(ExpiryYear, ExpiryMonth, now);

    /// <summary>A card the network refused, or that has expired, can receive nothing (its <c>allAmountFrom</c> is 0).</summary>
    public bool CanReceiveAt(DateTimeOffset now) => IsApproved && !IsExpiredAt(now);
}
