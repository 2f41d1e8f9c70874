using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Payout.Soak;

/// <summary>What the clients saw, counted across all of them; and every answer that is not a documented one.</summary>
public sealed class Tally
{
    /// <summary>503 codes a client may meet: the database away (ours), rates or the network away, our float low.</summary>
    private static readonly HashSet<string> RetryLater = ["SERVICE_UNAVAILABLE", "RATE_UNAVAILABLE", "NETWORK_UNAVAILABLE", "NETWORK_FLOAT_LOW"];

    private long requests;
    private long unavailable;
    private long connectionErrors;

    public ConcurrentQueue<string> Violations { get; } = new();

    public long Requests => Interlocked.Read(ref requests);

    public long Unavailable => Interlocked.Read(ref unavailable);

    public long ConnectionErrors => Interlocked.Read(ref connectionErrors);

    public void Violation(string what) => Violations.Enqueue(what);

    /// <summary>A process was killed under the request (refused, reset): not an answer, and retried.</summary>
    public void ConnectionError() => Interlocked.Increment(ref connectionErrors);

    /// <summary>Counts the answer and checks it is documented: success, a 4xx with the error body, or a 503 with one of the retry-later codes.</summary>
    /// <returns>The body, parsed when it is JSON.</returns>
    public async Task<JsonElement?> CheckAsync(string what, HttpResponseMessage response)
    {
        Interlocked.Increment(ref requests);
        var text = await response.Content.ReadAsStringAsync();
        var body = TryParse(text);
        var status = (int)response.StatusCode;
        if (status < 400)
        {
            return body;
        }

        var code = body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("error", out var e) ? e.GetString() : null;
        if (code is null || !(body!.Value.TryGetProperty("errorId", out _)))
        {
            Violation($"{what}: {status} without the error body: {Cut(text)}");
        }
        else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            Interlocked.Increment(ref unavailable);
            if (!RetryLater.Contains(code))
            {
                Violation($"{what}: 503 {code}");
            }
            else if (code == "SERVICE_UNAVAILABLE" && response.Headers.RetryAfter is null)
            {
                Violation($"{what}: 503 SERVICE_UNAVAILABLE without Retry-After");
            }
        }
        else if (status >= 500)
        {
            Violation($"{what}: {status} {code}");
        }

        return body;
    }

    private static JsonElement? TryParse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Cut(string text) => text.Length <= 200 ? text : text[..200];
}
