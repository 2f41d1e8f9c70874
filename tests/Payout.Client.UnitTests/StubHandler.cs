using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Payout.Client.UnitTests;

/// <summary>A request as the stub saw it, copied so it can be read after the client disposed the message.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? ContentType, string Body)
{
    public string PathAndQuery => Uri.PathAndQuery;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// Stands in for the PayOut API: records every request and answers with <c>respond</c>
/// (or, given a list, with the next answer in turn).
/// </summary>
public sealed class StubHandler(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    public StubHandler(Func<RecordedRequest, HttpResponseMessage> respond)
        : this((request, _) => Task.FromResult(respond(request)))
    {
    }

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public RecordedRequest Single => Assert.Single(Requests);

    /// <summary>Answers the given responses in order, one per request.</summary>
    public static StubHandler InTurn(params Func<HttpResponseMessage>[] answers)
    {
        var queue = new ConcurrentQueue<Func<HttpResponseMessage>>(answers);
        return new StubHandler(_ => queue.TryDequeue(out var next) ? next() : throw new InvalidOperationException("No answer left."));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, request.Content?.Headers.ContentType?.MediaType, body);
        requests.Enqueue(recorded);
        return await respond(recorded, cancellationToken);
    }
}

public static class Answers
{
    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage NoContent() => new(HttpStatusCode.NoContent);

    public static HttpResponseMessage Error(HttpStatusCode status, string code, int errorId, string message, string? field = null)
    {
        var fieldJson = field is null ? "null" : $"\"{field}\"";
        return Json(
            $$"""{"error": "{{code}}", "errorId": {{errorId}}, "message": "{{message}}", "field": {{fieldJson}}, "systemId": "payout", "data": {}, "type": "https://payout.example/errors/{{code}}", "title": "{{code}}", "status": {{(int)status}}, "detail": "{{message}}"}""",
            status);
    }

    public static HttpResponseMessage Unauthorized() =>
        Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", 1001, "The access token is missing, expired or revoked.");

    public static HttpResponseMessage Tokens(string access, string refresh) => Json(SpecJson.Token(access, refresh));
}
