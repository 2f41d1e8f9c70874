namespace Payout.Api.Domain.Cards;

/// <summary>
/// A card that passed every check of spec §5: the parsed number, its brand, the trimmed holder name and the
/// expiry with a four-digit year. The generated <c>ToString</c> shows the number masked.
/// </summary>
public sealed record ValidCard(CardNumber Number, CardBrand Brand, string Holder, int ExpiryYear, int ExpiryMonth);
