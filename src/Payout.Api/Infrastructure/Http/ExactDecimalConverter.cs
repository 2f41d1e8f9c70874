using System.Buffers;
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

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException(); // strict types (spec §2): "10" is not a number
        }

        var number = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        return ExactDecimal.TryParse(number, out var value) ? value : throw new RefusedJsonValueException(Refusal);
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Rounding.Normalize(value));
}
