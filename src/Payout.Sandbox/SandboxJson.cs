using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Payout.Sandbox;

/// <summary>
/// The sandbox's own JSON settings, independent of the host's (Payout.Api mounts the sandbox in-process and
/// must not change its wire format): camelCase, strict numbers (<c>"amount": "10"</c> is refused, not
/// converted), UPPER_CASE enums, UTC timestamps with milliseconds.
/// </summary>
internal static class SandboxJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.Strict,
            MaxDepth = 16,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false));
        options.Converters.Add(new UtcTimestampConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// Reads the body, or answers why not. The reason never quotes the input: a body may hold a card number,
    /// which is also why the framework's parameter binding (which logs what it could not read) is not used.
    /// </summary>
    public static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            return body is null ? (null, SandboxResults.Validation("The body must be a JSON object.")) : (body, null);
        }
        catch (JsonException)
        {
            return (null, SandboxResults.Validation("The body is not valid JSON, or a field has the wrong type."));
        }
    }

    /// <summary>Writes <c>2026-11-23T19:40:04.123Z</c>, the spec's timestamp form, whatever the value's offset.</summary>
    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }
}

/// <summary>Every answer the sandbox gives, with its JSON settings.</summary>
internal static class SandboxResults
{
    public static IResult Ok(object body) => Results.Json(body, SandboxJson.Options);

    public static IResult Error(int status, string code, string message) =>
        Results.Json(new ErrorBody(code, message), SandboxJson.Options, statusCode: status);

    public static IResult Validation(string message) =>
        Error(StatusCodes.Status400BadRequest, "VALIDATION", message);

    public static IResult Unavailable() =>
        Error(StatusCodes.Status503ServiceUnavailable, "UNAVAILABLE", "The payout network is unavailable; nothing was recorded. Try again.");

    private sealed record ErrorBody(string Error, string Message);
}
