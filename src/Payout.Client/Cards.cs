using Payout.Client.Internal;

namespace Payout.Client;

/// <summary>A card to add (<c>POST /v4/payout/card</c>). No CVV: the API never takes one.</summary>
/// <param name="CardNumber">12–19 digits; spaces and dashes are removed before sending. Sent as a JSON string.</param>
/// <param name="CardHolder">The name on the card, 2–100 letters, spaces, <c>.</c>, <c>-</c>, <c>'</c>.</param>
/// <param name="CardExpirationYear">Four digits (two digits mean 20YY).</param>
/// <param name="CardExpirationMonth">1–12.</param>
public sealed record AddCardRequest(string CardNumber, string CardHolder, int CardExpirationYear, int CardExpirationMonth)
{
    /// <summary>Masks the card number (<c>4012***1881</c>): apps log requests, and a card number must never reach a log.</summary>
    public override string ToString() =>
        $"AddCardRequest {{ CardNumber = {CardNumberMask.Mask(CardNumber)}, CardHolder = {CardHolder}, " +
        $"CardExpirationYear = {CardExpirationYear.ToString(System.Globalization.CultureInfo.InvariantCulture)}, " +
        $"CardExpirationMonth = {CardExpirationMonth.ToString(System.Globalization.CultureInfo.InvariantCulture)} }}";
}

/// <summary>A card's billing address, required before the first payout to it.</summary>
/// <param name="Address">Street and number.</param>
/// <param name="City">City.</param>
/// <param name="CountryCode">ISO 3166 alpha-2, e.g. <c>GB</c>.</param>
/// <param name="Zip">Postal code.</param>
/// <param name="State">State or region; optional.</param>
public sealed record BillingAddress(string Address, string City, string CountryCode, string Zip, string? State = null);

/// <summary>A card of the customer, as the card endpoints answer it.</summary>
public sealed record Card
{
    /// <summary>The card's id.</summary>
    public long CardId { get; init; }

    /// <summary>The brand, one of <see cref="CardTypes"/>.</summary>
    public string CardType { get; init; } = "";

    /// <summary>First four, <c>***</c>, last four: <c>4012***1881</c>.</summary>
    public string MaskedPan { get; init; } = "";

    /// <summary>The payout network's eligibility answer, one of <see cref="CardValidationStatus"/>.</summary>
    public string ValidationStatus { get; init; } = "";

    /// <summary>The billing address, once set.</summary>
    public BillingAddress? BillingAddress { get; init; }
}

/// <summary>Values of <see cref="Card.CardType"/>.</summary>
public static class CardTypes
{
    /// <summary>Visa.</summary>
    public const string Visa = "VISA";

    /// <summary>Mastercard.</summary>
    public const string Mastercard = "MASTERCARD";
}

/// <summary>Values of <see cref="Card.ValidationStatus"/>.</summary>
public static class CardValidationStatus
{
    /// <summary>Eligible for payouts.</summary>
    public const string Approved = "APPROVED";

    /// <summary>The payout network has not answered yet.</summary>
    public const string Pending = "PENDING";

    /// <summary>Not eligible for payouts.</summary>
    public const string Declined = "DECLINED";
}
