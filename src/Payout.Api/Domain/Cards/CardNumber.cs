using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Payout.Api.Domain.Errors;

namespace Payout.Api.Domain.Cards;

/// <summary>
/// A card number (PAN) that is well formed: 12–19 ASCII digits with a valid Luhn checksum.
/// Everything that can turn an object into text — <see cref="ToString"/>, string interpolation, log templates,
/// the debugger, System.Text.Json — sees only the masked form (<c>4012***1881</c>). The clear digits come out
/// only through <see cref="RevealDigits"/>, a method (not a property) so that reflection-based serializers and
/// log destructuring never pick it up, and so that every call site is visible in review.
/// </summary>
[DebuggerDisplay("{Masked,nq}")]
[JsonConverter(typeof(CardNumberJsonConverter))]
public sealed class CardNumber : IEquatable<CardNumber>
{
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly string digits;

    private CardNumber(string digits)
    {
        this.digits = digits;
        Masked = string.Concat(digits.AsSpan(0, 4), "***", digits.AsSpan(digits.Length - 4));
    }

    /// <summary>First four, <c>***</c>, last four: the only form shown to customers, logs and responses.</summary>
    public string Masked { get; }

    public string First4 => Masked[..4];

    public string Last4 => Masked[^4..];

    /// <summary>Number of digits (12–19).</summary>
    public int Length => digits.Length;

    /// <summary>
    /// The clear digits. SENSITIVE: only for encryption, fingerprinting and the payout network call.
    /// Never log, return or store the result.
    /// </summary>
    public string RevealDigits() => digits;

    /// <summary>
    /// Reads digits from <paramref name="input"/>, ignoring spaces and dashes. On failure <paramref name="error"/>
    /// says why (always <see cref="ErrorCode.CARD_INVALID_NUMBER"/>), with a message that does not repeat the input.
    /// </summary>
    public static bool TryParse(
        string? input,
        [NotNullWhen(true)] out CardNumber? number,
        [NotNullWhen(false)] out Failure? error)
    {
        number = null;
        error = CheckFormat(input, out var digitCount);
        if (error is not null)
        {
            return false;
        }

        var digits = KeepDigits(input!, digitCount);
        if (!CardRules.IsLuhnValid(digits))
        {
            error = InvalidNumber("Card number is not valid.");
            return false;
        }

        number = new CardNumber(digits);
        return true;
    }

    /// <summary>Same as <see cref="TryParse(string?, out CardNumber?, out Failure?)"/> without the reason.</summary>
    public static bool TryParse(string? input, [NotNullWhen(true)] out CardNumber? number) =>
        TryParse(input, out number, out _);

    /// <summary>For trusted input (decrypted rows, test data): throws <see cref="FormatException"/> on a bad number.</summary>
    public static CardNumber Parse(string input) =>
        TryParse(input, out var number, out var error) ? number : throw new FormatException(error.Message);

    public override string ToString() => Masked;

    public bool Equals(CardNumber? other) => other is not null && string.Equals(digits, other.digits, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as CardNumber);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(digits);

    public static bool operator ==(CardNumber? left, CardNumber? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(CardNumber? left, CardNumber? right) => !(left == right);

    // Format before length: a letter anywhere is reported as such, even in a too-long input.
    private static Failure? CheckFormat(string? input, out int digitCount)
    {
        digitCount = 0;
        if (string.IsNullOrEmpty(input))
        {
            return InvalidNumber("Card number is required.");
        }

        foreach (var c in input)
        {
            if (char.IsAsciiDigit(c))
            {
                digitCount++;
            }
            else if (c is not (' ' or '-'))
            {
                // ASCII only: char.IsDigit would also accept Arabic-Indic and other digits.
                return InvalidNumber("Card number may contain only digits, spaces and dashes.");
            }
        }

        return digitCount is < CardRules.MinDigits or > CardRules.MaxDigits
            ? InvalidNumber("Card number must have 12 to 19 digits.")
            : null;
    }

    private static Failure InvalidNumber(string message) => new(ErrorCode.CARD_INVALID_NUMBER, message, CardRules.NumberField);

    private static string KeepDigits(string input, int digitCount) =>
        string.Create(digitCount, input, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (char.IsAsciiDigit(c))
                {
                    span[i++] = c;
                }
            }
        });
}
