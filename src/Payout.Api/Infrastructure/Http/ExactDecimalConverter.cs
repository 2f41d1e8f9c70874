using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Payout.Api.Domain.Money;

namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// Decimals in and out. In: a JSON number that a decimal holds exactly (<see cref="ExactDecimal"/>), never rounded in
/// silence. Out: the canonical form, trailing zeros dropped (<c>1.1</c>, not <c>1.10000000000000000000</c> echoed from
/// the input or <c>1.10000000</c> read from a <c>numeric(30,8)</c> column), so a figure reads the same whatever the
/// input's precision or the database.
/// </summary>
public sealed class ExactDecimalConverter : JsonConverter<decimal>
{
    public const string Refusal = "must be a number a decimal holds exactly: at most 28 decimals and 29 digits.";

    /// <summary>A sign, 20 digits of a 64-bit mantissa, "0." and up to 28 zeros before them.</summary>
    private const int MaxSmallLength = 1 + 2 + 28 + 20;

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException(); // strict types (spec §2): "10" is not a number
        }

        var number = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        return ExactDecimal.TryParse(number, out var value) ? value : throw new RefusedJsonValueException(Refusal);
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        var normalized = Rounding.Normalize(value);
        Span<byte> text = stackalloc byte[MaxSmallLength];
        if (TryFormatSmall(normalized, text, out var length))
        {
            writer.WriteRawValue(text[..length], skipInputValidation: true);
        }
        else
        {
            writer.WriteNumberValue(normalized);
        }
    }

    /// <summary>
    /// Writes what <see cref="Utf8JsonWriter.WriteNumberValue(decimal)"/> writes for a non-zero decimal whose mantissa
    /// fits 64 bits (every amount a payout carries), from the mantissa's digits: an answer carries some 40 figures, and
    /// decimal's general formatter was a few per cent of a request. False for the rest, which take the writer's own way.
    /// </summary>
    internal static bool TryFormatSmall(decimal value, Span<byte> destination, out int written)
    {
        written = 0;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (bits[2] != 0 || mantissa == 0 || destination.Length < MaxSmallLength)
        {
            return false;
        }

        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[3] < 0)
        {
            destination[written++] = (byte)'-';
        }

        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(mantissa, digits, out var count);
        var whole = count - scale;
        if (whole <= 0)
        {
            destination[written++] = (byte)'0';
            destination[written++] = (byte)'.';
            destination.Slice(written, -whole).Fill((byte)'0');
            written += -whole;
            digits[..count].CopyTo(destination[written..]);
            written += count;
            return true;
        }

        digits[..whole].CopyTo(destination[written..]);
        written += whole;
        if (scale > 0)
        {
            destination[written++] = (byte)'.';
            digits[whole..count].CopyTo(destination[written..]);
            written += scale;
        }

        return true;
    }
}
