namespace Payout.Api.Features.Cards;

/// <summary>A card as its merchant events carry it: what the customer sees of it, and whether it left the list.</summary>
public sealed record CardEventData(long CardId, string CardType, string MaskedPan, string ValidationStatus, bool Removed)
{
    public static CardEventData From(Card card) =>
        new(card.Id, card.CardType, card.MaskedPan, card.ValidationStatus.ToString(), card.DeletedAt is not null);
}
