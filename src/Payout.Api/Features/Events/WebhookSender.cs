using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Payout.Api.Features.Events;

/// <summary>
/// Posts one signed event to a merchant's webhook: 2xx within <see cref="EventsOptions.WebhookTimeoutSeconds"/> is
/// delivered; anything else (another status, a timeout, no connection) is retried later. Redirects are not followed: the
/// address is the configured one or none.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<EventsOptions> options, TimeProvider clock)
{
    public const string ClientName = "payout-webhooks";

    /// <summary>Null when delivered; otherwise why not, for the delivery's <c>last_error</c>.</summary>
    public async Task<string?> SendAsync(WebhookSettings webhook, byte[] body, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.HeaderValue(timestamp, body, webhook.Secrets));

        // An attempt's timeout is latency, not business time: the real clock.
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.Value.WebhookTimeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"No answer within {options.Value.WebhookTimeoutSeconds} s";
        }
        catch (HttpRequestException e)
        {
            return $"Unreachable ({e.HttpRequestError})";
        }
    }

    /// <summary>The handler webhooks go through: no redirects, no cookies, connections renewed now and then (DNS changes).</summary>
    public static HttpMessageHandler CreateHandler() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
}
