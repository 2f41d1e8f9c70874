using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace Payout.Client.Internal;

/// <summary>
/// What to send, kept apart from the <see cref="HttpRequestMessage"/>: a message can be sent only once, and a
/// call that meets a 401 is sent again after the refresh.
/// </summary>
internal sealed record ApiRequest(HttpMethod Method, string Path, Func<HttpContent>? Content = null, string? IdempotencyKey = null)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static ApiRequest Json<T>(HttpMethod method, string path, T body, JsonTypeInfo<T> type, string? idempotencyKey = null) =>
        new(method, path, () => JsonContent.Create(body, type), idempotencyKey);

    public HttpRequestMessage Build(Uri baseAddress)
    {
        var message = new HttpRequestMessage(Method, new Uri(baseAddress, Path)) { Content = Content?.Invoke() };
        if (!string.IsNullOrEmpty(IdempotencyKey))
        {
            message.Headers.Add(IdempotencyKeyHeader, IdempotencyKey);
        }

        return message;
    }
}
