using System.Diagnostics.CodeAnalysis;

namespace Payout.Api.Features.Cards;

/// <summary>The brands we can pay out to (spec §5). The API shows them as <c>VISA</c> and <c>MASTERCARD</c>.</summary>
public enum CardBrand
{
    Visa,
    Mastercard,
}

/// <summary>
/// A card that passed every check of spec §5: the parsed number, its brand, the trimmed holder name and the
/// expiry with a four-digit year. The generated <c>ToString</c> shows the number masked.
/// </summary>
public sealed record ValidCard(CardNumber Number, CardBrand Brand, string Holder, int ExpiryYear, int ExpiryMonth);

/// <summary>The outcome of <see cref="CardRules.Validate"/>: either <see cref="Card"/> or <see cref="Error"/>.</summary>
public sealed class CardValidation
{
    private CardValidation(ValidCard? card, CardError? error)
    {
        Card = card;
        Error = error;
        IsValid = card is not null;
    }

    [MemberNotNullWhen(true, nameof(Card))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid { get; }

    public ValidCard? Card { get; }

    public CardError? Error { get; }

    public static CardValidation Valid(ValidCard card) => new(card ?? throw new ArgumentNullException(nameof(card)), null);

    public static CardValidation Invalid(CardError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator CardValidation(ValidCard card) => Valid(card);

    public static implicit operator CardValidation(CardError error) => Invalid(error);

    public override string ToString() => IsValid ? Card.ToString() : Error.ToString();
}
