using System.Text.Json;
using System.Text.Json.Serialization;

namespace Payout.Api.Domain.Cards;

/// <summary>
/// Writes only the masked form, so a card number that slips into a response or a log serialized as JSON leaks
/// nothing. Reading is refused on purpose: request DTOs take the raw text and go through
/// <see cref="CardRules.Validate"/>, which gives the spec's error codes instead of a generic JSON error.
/// </summary>
public sealed class CardNumberJsonConverter : JsonConverter<CardNumber>
{
    public override CardNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException(
            "CardNumber is not read from JSON: bind the raw value and validate it with CardRules.Validate.");

    public override void Write(Utf8JsonWriter writer, CardNumber value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Masked);
}
