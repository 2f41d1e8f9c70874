using System.Text.Json;
using System.Text.Json.Serialization;

namespace Payout.Api.Infrastructure.Http;

public static class JsonSetup
{
    /// <summary>How deep request JSON may nest (the serializer and <see cref="JsonBodyRules"/> alike).</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// Strict types (spec §2): "amount": "10" is a 400, not a quiet conversion. The web defaults read
    /// numbers from strings; we turn that off.
    /// </summary>
    public static IServiceCollection AddStrictJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o => Apply(o.SerializerOptions));

    public static void Apply(JsonSerializerOptions options)
    {
        options.NumberHandling = JsonNumberHandling.Strict;
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.MaxDepth = MaxDepth;
        options.Converters.Add(new ExactDecimalConverter());
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new UtcInstantConverter());
        // Responses are application/json, never HTML: escaping quotes and non-ASCII names only hurts readers.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }
}
