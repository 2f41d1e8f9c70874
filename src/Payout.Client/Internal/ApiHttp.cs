using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Payout.Client.Internal;

/// <summary>What both clients share: the base address, reading a 2xx body, turning any other answer into a <see cref="PayoutApiException"/>.</summary>
internal static class ApiHttp
{
    /// <summary>The configured address, else the client's; with a trailing slash so a path prefix survives.</summary>
    public static Uri BaseAddressOf(Uri? configured, HttpClient httpClient)
    {
        var address = configured ?? httpClient.BaseAddress
            ?? throw new ArgumentException("Set BaseAddress in the options or on the HttpClient.", nameof(configured));
        if (!address.IsAbsoluteUri)
        {
            throw new ArgumentException("BaseAddress must be an absolute URI.", nameof(configured));
        }

        var text = address.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using (stream)
        {
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken)
                ?? throw new JsonException(Describe(response.StatusCode) + " with an empty body.");
        }
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(response, cancellationToken);
        }
    }

    public static async Task<PayoutApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var retryAfter = RetryAfterOf(response);
        if (TryReadErrorBody(text) is not { } body)
        {
            return new PayoutApiException(status, "HTTP_" + ((int)status).ToString(CultureInfo.InvariantCulture), Describe(status) + ".", null, null, retryAfter);
        }

        var message = body.Message ?? Describe(status) + " " + body.Error + ".";
        var detail = body.Data with { Code = body.Error, Message = message };
        return new PayoutApiException(status, body.Error, message, body.ErrorId, body.Field, retryAfter, detail);
    }

    private static string Describe(HttpStatusCode status) =>
        string.Create(CultureInfo.InvariantCulture, $"The PayOut API answered {(int)status} ({status})");

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > DateTimeOffset.UtcNow ? date - DateTimeOffset.UtcNow : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The API's error body; null for anything else (a proxy's HTML page, an empty body).</summary>
    private static ErrorBody? TryReadErrorBody(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "error") is not { Length: > 0 } error)
            {
                return null;
            }

            int? errorId = root.TryGetProperty("errorId", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var number)
                ? number
                : null;
            return new ErrorBody(error, errorId, String(root, "message"), String(root, "field"), DataOf(root));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The body's <c>data</c> (what clears the error); empty when absent or not in the documented shape.</summary>
    private static ReasonDetail DataOf(JsonElement root)
    {
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return new ReasonDetail();
        }

        try
        {
            return data.Deserialize(PayoutJsonContext.Default.ReasonDetail) ?? new ReasonDetail();
        }
        catch (JsonException)
        {
            // An error must still surface as the API's error when its data is not what this version knows.
            return new ReasonDetail();
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record ErrorBody(string Error, int? ErrorId, string? Message, string? Field, ReasonDetail Data);
}
