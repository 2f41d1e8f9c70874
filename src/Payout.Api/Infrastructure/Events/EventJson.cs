using System.Text.Json;
using System.Text.Json.Serialization;
using Payout.Api.Domain.Money;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Infrastructure.Events;

/// <summary>
/// How an event's payload is written: as the API writes its answers (camelCase, instants in UTC, enums as names),
/// and amounts without trailing zeros, so a figure read back from <c>numeric(30,8)</c> reads as it was computed.
/// </summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Apply(options);
        options.Converters.Add(new NormalizedDecimalConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }

    private sealed class NormalizedDecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Rounding.Normalize(value));
    }
}
