namespace Payout.Api.Domain.Cards;

/// <summary>The brands we can pay out to (spec §5). The API shows them as <c>VISA</c> and <c>MASTERCARD</c>.</summary>
public enum CardBrand
{
    Visa,
    Mastercard,
}
