namespace Payout.Api.Features.Cards;

/// <summary>Why a card was refused (spec §5). Each maps to one error code of spec §9.</summary>
public enum CardProblem
{
    /// <summary>Not 12–19 digits, a character other than digits, spaces and dashes, or a bad Luhn checksum → <c>CARD_INVALID_NUMBER</c>.</summary>
    InvalidNumber,

    /// <summary>A valid number of a brand we cannot pay out to → <c>CARD_BRAND_NOT_SUPPORTED</c>.</summary>
    BrandNotSupported,

    /// <summary>The card's last valid month has passed → <c>CARD_EXPIRED</c>.</summary>
    Expired,

    /// <summary>A request field is malformed (<see cref="CardError.Field"/> names it) → <c>VALIDATION</c>.</summary>
    InvalidField,
}

/// <summary>
/// A refused card as a value: the problem, the request field it concerns and a message for the customer.
/// Messages are fixed texts: they never echo the card number (nor the holder's name).
/// </summary>
public sealed record CardError(CardProblem Problem, string? Field, string Message)
{
    public const string NumberField = "cardNumber";
    public const string HolderField = "cardHolder";
    public const string YearField = "cardExpirationYear";
    public const string MonthField = "cardExpirationMonth";

    internal static CardError InvalidNumber(string message) => new(CardProblem.InvalidNumber, NumberField, message);

    internal static CardError InvalidField(string field, string message) => new(CardProblem.InvalidField, field, message);
}
