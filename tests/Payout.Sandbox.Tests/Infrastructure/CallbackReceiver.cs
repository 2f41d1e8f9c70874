using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Payout.Sandbox.Tests.Infrastructure;

/// <summary>
/// Stands in for PayOut's callback endpoint: the primary handler of the sandbox's "sandbox-callbacks" client, so
/// callbacks never leave the process. Records every delivery and can be told to fail the next ones.
/// </summary>
public sealed class CallbackReceiver(TimeProvider clock) : HttpMessageHandler
{
    private readonly ConcurrentQueue<ReceivedCallback> received = new();
    private readonly ConcurrentDictionary<string, int> failuresLeft = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="times"/> deliveries for <paramref name="payoutId"/> answer 500.</summary>
    public void FailNext(string payoutId, int times) => failuresLeft[payoutId] = times;

    public IReadOnlyList<ReceivedCallback> For(string payoutId) =>
        [.. received.Where(c => c.PayoutId == payoutId)];

    public bool Delivered(string payoutId) => For(payoutId).Any(c => c.Answered == HttpStatusCode.OK);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var payoutId = JsonDocument.Parse(body).RootElement.GetProperty("payoutId").GetString()!;
        var status = TakeFailure(payoutId) ? HttpStatusCode.InternalServerError : HttpStatusCode.OK;
        received.Enqueue(new ReceivedCallback(
            request.RequestUri!,
            request.Content.Headers.ContentType?.MediaType,
            Header(request, "X-Sandbox-Timestamp"),
            Header(request, "X-Sandbox-Signature"),
            body,
            payoutId,
            clock.GetUtcNow(),
            status));
        return new HttpResponseMessage(status);
    }

    private bool TakeFailure(string payoutId)
    {
        while (failuresLeft.TryGetValue(payoutId, out var left) && left > 0)
        {
            if (failuresLeft.TryUpdate(payoutId, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }

    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}

public sealed record ReceivedCallback(
    Uri Url, string? ContentType, string? Timestamp, string? Signature, byte[] Body, string PayoutId, DateTimeOffset ReceivedAt, HttpStatusCode Answered)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}
