using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Payout.LoadTest;

/// <summary>The wire details of PayOut's API the load test needs (README.md, docs/openapi.json): routes, headers, bodies.</summary>
internal static class PayoutApi
{
    public const string SdkVersionHeader = "X-Sdk-Version";
    public const string SdkVersion = "1.2";
    public const string AdminKeyHeader = "X-Admin-Key";
    public const string MerchantHeader = "X-Merchant-ID";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static HttpRequestMessage Get(string path, string? bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        Authorize(request, bearer);
        return request;
    }

    public static HttpRequestMessage Post(string path, string? bearer, byte[]? json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        Authorize(request, bearer);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(json) { Headers = { ContentType = Json } };
        }

        return request;
    }

    public static byte[] JsonBody(object value) => JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web);

    /// <summary>A top-level field of a JSON object answer (the first match), or null.</summary>
    public static JsonElement? Field(byte[] body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                ? value.Clone()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads one string or number field without building a document (the hot path of the flow).</summary>
    public static string? ScalarField(ReadOnlySpan<byte> body, string name)
    {
        var reader = new Utf8JsonReader(body);
        var depth = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    depth++;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    depth--;
                    break;
                case JsonTokenType.PropertyName when depth == 1 && reader.ValueTextEquals(name):
                    reader.Read();
                    return reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString(),
                        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                        _ => null,
                    };
            }
        }

        return null;
    }

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Authorize(HttpRequestMessage request, string? bearer)
    {
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", bearer);
            request.Headers.TryAddWithoutValidation(SdkVersionHeader, SdkVersion);
        }
    }
}
