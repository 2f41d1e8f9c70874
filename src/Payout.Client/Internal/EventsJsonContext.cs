using System.Text.Json.Serialization;

namespace Payout.Client.Internal;

/// <summary>The events' JSON, with the settings of <see cref="PayoutJsonContext"/> (source-generated, strict numbers).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventPage))]
[JsonSerializable(typeof(MerchantEvent))]
internal sealed partial class EventsJsonContext : JsonSerializerContext;
