using System.Text.Json.Serialization;

namespace Payout.Api.Features.Cards;

/// <summary>A card as the customer sees it: never more of the number than the masked form.</summary>
public sealed record CardResponse(
    long CardId,
    string CardType,
    string MaskedPan,
    string ValidationStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BillingAddressResponse? BillingAddress)
{
    public static CardResponse From(Card card, bool withBillingAddress = false) => new(
        card.Id,
        card.CardType,
        card.MaskedPan,
        card.ValidationStatus.ToString(),
        withBillingAddress && card.BillingAddress is { } a ? new BillingAddressResponse(a.Address, a.City, a.CountryCode, a.Zip, a.State) : null);
}
