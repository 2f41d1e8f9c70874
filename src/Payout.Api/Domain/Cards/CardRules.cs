using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Payout.Api.Domain.Errors;

namespace Payout.Api.Domain.Cards;

/// <summary>
/// The card checks of spec §5, pure and in the spec's order: number (format, length, Luhn) → brand → month →
/// year → expiry → holder. Bad input is a value (a <see cref="Failure"/> naming the request field), never an exception.
/// </summary>
public static class CardRules
{
    public const int MinDigits = 12;
    public const int MaxDigits = 19;
    public const int MaxYearsAhead = 20;
    public const int HolderMinLength = 2;
    public const int HolderMaxLength = 100;

    /// <summary>The request fields of a card (spec §5), named by failures.</summary>
    public const string NumberField = "cardNumber";
    public const string HolderField = "cardHolder";
    public const string YearField = "cardExpirationYear";
    public const string MonthField = "cardExpirationMonth";

    private static readonly Failure BrandNotSupported = new(ErrorCode.CARD_BRAND_NOT_SUPPORTED, field: NumberField);

    // Both fields make the expiry, so the failure names neither; the code CARD_EXPIRED says enough.
    private static readonly Failure Expired = new(ErrorCode.CARD_EXPIRED);

    /// <summary>
    /// Validates a card as the customer sent it. <paramref name="rawNumber"/> is the text of the JSON value
    /// (a string of digits, spaces and dashes, or the digits of a JSON integer); <paramref name="year"/> is
    /// four digits or two digits meaning 20YY; <paramref name="now"/> is compared in UTC.
    /// </summary>
    public static Result<ValidCard> Validate(string? rawNumber, string? holder, int year, int month, DateTimeOffset now)
    {
        if (!CardNumber.TryParse(rawNumber, out var number, out var numberError))
        {
            return numberError;
        }

        if (DetectBrand(number) is not { } brand)
        {
            return BrandNotSupported;
        }

        if (CheckMonth(month) is { } monthError)
        {
            return monthError;
        }

        if (CheckYear(year, now, out var fullYear) is { } yearError)
        {
            return yearError;
        }

        if (IsExpired(fullYear, month, now))
        {
            return Expired;
        }

        if (!TryCleanHolder(holder, out var cleanHolder, out var holderError))
        {
            return holderError;
        }

        return new ValidCard(number, brand, cleanHolder, fullYear, month);
    }

    /// <summary>Visa: prefix 4. Mastercard: 51–55 and 2221–2720. Anything else: null (not supported).</summary>
    public static CardBrand? DetectBrand(CardNumber number)
    {
        var first4 = int.Parse(number.First4, NumberStyles.None, CultureInfo.InvariantCulture);
        return first4 switch
        {
            >= 4000 and <= 4999 => CardBrand.Visa,
            >= 5100 and <= 5599 => CardBrand.Mastercard,
            >= 2221 and <= 2720 => CardBrand.Mastercard,
            _ => null,
        };
    }

    /// <summary>Luhn (mod 10) checksum over ASCII digits; false for any other character.</summary>
    public static bool IsLuhnValid(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var c = digits[digits.Length - 1 - i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            var d = c - '0';
            // Every second digit from the right is doubled; 2d - 9 is the sum of the two digits of 2d when d ≥ 5.
            sum += i % 2 == 0 ? d : (d < 5 ? 2 * d : (2 * d) - 9);
        }

        return digits.Length > 0 && sum % 10 == 0;
    }

    /// <summary>A customer may add a new card while holding fewer active cards than the cap (a known number restored adds none).</summary>
    public static bool HasRoomForAnother(int activeCards, int maxCards) => activeCards < maxCards;

    /// <summary>
    /// A card is valid through the last day of its month, in UTC: it is expired from the first instant of the
    /// following month. Used at add time and again before each payout (spec §8).
    /// </summary>
    public static bool IsExpired(int expiryYear, int expiryMonth, DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return expiryYear < utc.Year || (expiryYear == utc.Year && expiryMonth < utc.Month);
    }

    /// <summary>Two digits mean 20YY; four digits are taken as they are; anything else is not a year.</summary>
    private static int? ExpandYear(int year) => year switch
    {
        >= 0 and <= 99 => 2000 + year,
        >= 1000 and <= 9999 => year,
        _ => null,
    };

    private static Failure? CheckMonth(int month) => month is >= 1 and <= 12
        ? null
        : Failure.Validation(MonthField, "Expiration month must be between 1 and 12.");

    // A year is "not more than 20 years ahead" when it is at most the current UTC year + 20: a rule a customer
    // can check against the card, and an app can offer as a 21-entry year picker.
    private static Failure? CheckYear(int year, DateTimeOffset now, out int fullYear)
    {
        fullYear = ExpandYear(year) ?? 0;
        if (fullYear == 0)
        {
            return Failure.Validation(YearField, "Expiration year must have four digits, or two meaning 20YY.");
        }

        var latest = now.UtcDateTime.Year + MaxYearsAhead;
        return fullYear <= latest
            ? null
            : Failure.Validation(
                YearField,
                string.Create(CultureInfo.InvariantCulture, $"Expiration year must not be after {latest}."));
    }

    private static bool TryCleanHolder(
        string? holder,
        [NotNullWhen(true)] out string? clean,
        [NotNullWhen(false)] out Failure? error)
    {
        clean = null;
        var trimmed = holder?.Trim() ?? string.Empty;
        error = trimmed.Length == 0
            ? Failure.Validation(HolderField, "Card holder is required.")
            : CheckHolderText(trimmed);
        if (error is null)
        {
            clean = trimmed.Replace('\u2019', '\'');
        }

        return error is null;
    }

    // Length counts Unicode scalar values (a letter outside the BMP is one, a combining mark is one), which also
    // bounds the stored size: 100 scalars are at most 200 UTF-16 units.
    private static Failure? CheckHolderText(string trimmed)
    {
        var length = 0;
        var letters = 0;
        foreach (var rune in trimmed.EnumerateRunes())
        {
            length++;
            if (Rune.IsLetter(rune))
            {
                letters++;
            }
            else if (!IsHolderPunctuationOrMark(rune))
            {
                return Failure.Validation(
                    HolderField, "Card holder may contain only letters, spaces and the characters . - '");
            }
        }

        if (length is < HolderMinLength or > HolderMaxLength)
        {
            return Failure.Validation(HolderField, "Card holder must have 2 to 100 characters.");
        }

        // Punctuation alone ("--", "..") is no name, and a payout network would refuse it later.
        return letters > 0 ? null : Failure.Validation(HolderField, "Card holder must contain letters.");
    }

    // U+2019 is the apostrophe phone keyboards type by default ("O’Brien"); it is stored as the plain '.
    private static bool IsHolderPunctuationOrMark(Rune rune) =>
        rune.Value is ' ' or '.' or '-' or '\'' or '\u2019'
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark;
}
