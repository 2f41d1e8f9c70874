using System.Globalization;

namespace Payout.Api.Domain.Money;

/// <summary>
/// Reads a JSON number as a <see cref="decimal"/> only when the decimal holds it exactly. A decimal has 96 bits of
/// digits and at most 28 decimals, and the runtime's parser silently rounds anything finer
/// (<c>1.000000000000000000000000000001</c> becomes <c>1</c>): a payment service must refuse such input, not round it.
/// Trailing zeros and exponents are fine as long as the value itself fits (<c>1.10000000000000000000000000000000</c>,
/// <c>25e2</c>); <c>-0</c> is zero.
/// </summary>
public static class ExactDecimal
{
    public const int MaxScale = 28;

    /// <summary>The 96-bit maximum of a decimal's digits, as text, to compare digit strings without overflow.</summary>
    private const string MaxDigits = "79228162514264337593543950335";

    /// <param name="number">A JSON number token in UTF-8 (<c>-?int(.frac)?([eE][+-]?exp)?</c>).</param>
    /// <returns>False when the text is not a number of that grammar or no decimal equals it exactly.</returns>
    public static bool TryParse(ReadOnlySpan<byte> number, out decimal value)
    {
        value = 0m;
        var i = 0;
        var negative = i < number.Length && number[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        // Numbers are short; a long one (a thousand trailing zeros is still exact) goes to the heap, not the stack.
        Span<char> digits = number.Length <= 128 ? stackalloc char[128] : new char[number.Length];
        var count = 0;
        var fractionDigits = 0;
        if (ReadDigits(number, ref i, digits, ref count) == 0)
        {
            return false;
        }

        if (i < number.Length && number[i] == (byte)'.')
        {
            i++;
            fractionDigits = ReadDigits(number, ref i, digits, ref count);
            if (fractionDigits == 0)
            {
                return false;
            }
        }

        if (!ReadExponent(number, ref i, out var exponent) || i != number.Length)
        {
            return false;
        }

        return Build(digits[..count], fractionDigits, exponent, negative, out value);
    }

    /// <summary>From all the digits (integer and fraction) and where the point sits, the exact decimal or false.</summary>
    private static bool Build(ReadOnlySpan<char> digits, int fractionDigits, long exponent, bool negative, out decimal value)
    {
        value = 0m;
        var significant = digits.TrimStart('0');
        var scale = fractionDigits - exponent;
        var trimmed = significant.TrimEnd('0');
        scale -= significant.Length - trimmed.Length;
        if (trimmed.IsEmpty)
        {
            return true; // zero, however written (-0, 0.000e99)
        }

        if (scale < 0)
        {
            // 25e2: the zeros come back as integer digits.
            if (trimmed.Length - scale > MaxDigits.Length)
            {
                return false;
            }

            Span<char> widened = stackalloc char[trimmed.Length - (int)scale];
            trimmed.CopyTo(widened);
            widened[trimmed.Length..].Fill('0');
            return Compose(widened, 0, negative, out value);
        }

        return scale <= MaxScale && Compose(trimmed, (byte)scale, negative, out value);
    }

    private static bool Compose(ReadOnlySpan<char> digits, byte scale, bool negative, out decimal value)
    {
        value = 0m;
        if (digits.Length > MaxDigits.Length || (digits.Length == MaxDigits.Length && digits.CompareTo(MaxDigits, StringComparison.Ordinal) > 0))
        {
            return false;
        }

        var mantissa = decimal.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(mantissa, bits);
        value = new decimal(bits[0], bits[1], bits[2], negative, scale);
        return true;
    }

    /// <returns>How many digits were read into <paramref name="digits"/>.</returns>
    private static int ReadDigits(ReadOnlySpan<byte> text, ref int i, Span<char> digits, ref int count)
    {
        var start = count;
        while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9')
        {
            digits[count++] = (char)text[i++];
        }

        return count - start;
    }

    /// <summary>An absent exponent is 0; a huge one is kept huge (clamped), so the value is refused rather than wrapped.</summary>
    private static bool ReadExponent(ReadOnlySpan<byte> text, ref int i, out long exponent)
    {
        exponent = 0;
        if (i == text.Length || text[i] is not ((byte)'e' or (byte)'E'))
        {
            return true;
        }

        i++;
        var negative = false;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            negative = text[i] == (byte)'-';
            i++;
        }

        var start = i;
        while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9')
        {
            exponent = Math.Min(exponent * 10 + (text[i] - '0'), 1_000_000);
            i++;
        }

        exponent = negative ? -exponent : exponent;
        return i > start;
    }
}
